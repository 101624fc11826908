import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Adobe's published OpenAPI descriptions, used to check that the emulator's responses have the
 * shapes the real services document. The data parts are vendored in test/contract/reference/
 * (see vendor-reference.ts).
 */
const REFERENCE_DIR = new URL('../../../test/contract/reference/', import.meta.url);

type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };
interface OpenApiOperation {
  /** OpenAPI 3 puts the body schema under `content`; Swagger 2.0 (schema-registry.yaml) directly on the response. */
  responses?: Record<string, { content?: Record<string, { schema?: unknown }>; schema?: unknown }>;
}

export class ReferenceSpec {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly templates: Array<{ template: string; pattern: RegExp }>;
  private readonly compiled = new Map<string, ValidateFunction>();

  private constructor(
    readonly name: string,
    private readonly document: OpenApiDocument,
  ) {
    this.ajv.addSchema(document as object, name);
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    }));
  }

  /** One vendored reference, by its original name (e.g. catalog.yaml). */
  static load(file: string): ReferenceSpec {
    const json = new URL(file.replace(/\.yaml$/, '.json'), REFERENCE_DIR);
    return new ReferenceSpec(file, JSON.parse(readFileSync(json, 'utf8')) as OpenApiDocument);
  }

  /** The documented path template a concrete path (below the service's base path) matches. */
  templateOf(path: string): string {
    const bare = path.split('?')[0];
    const exact = this.templates.find(({ template }) => template === bare);
    const match = exact ?? this.templates.find(({ pattern }) => pattern.test(bare));
    if (!match) throw new Error(`${this.name} documents no path matching ${bare}`);
    return match.template;
  }

  /**
   * Problems of a response body against the documented schema of (method, path, status);
   * an empty list when it conforms. Throws when the reference documents no such response.
   */
  problems(method: string, path: string, status: number, body: unknown, contentType = 'application/json'): string[] {
    const template = this.templateOf(path);
    const operation = this.document.paths[template]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${this.name} documents no ${method} ${template}`);
    const response = operation.responses?.[String(status)] ?? operation.responses?.default;
    if (!response) throw new Error(`${this.name} documents no ${status} for ${method} ${template}`);
    const swagger2 = response.content === undefined && response.schema !== undefined;
    const mediaType = swagger2
      ? contentType
      : Object.keys(response.content ?? {}).find((type) => type.split(';')[0] === contentType.split(';')[0]) ?? Object.keys(response.content ?? {})[0];
    if (!mediaType || (!swagger2 && !response.content?.[mediaType]?.schema)) return [];
    const key = `${method} ${template} ${status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const location = swagger2 ? ['schema'] : ['content', mediaType, 'schema'];
      const responseKey = operation.responses?.[String(status)] ? String(status) : 'default';
      const pointer = ['paths', template, method.toLowerCase(), 'responses', responseKey, ...location]
        .map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1'))
        .join('/');
      validate = this.ajv.compile({ $ref: `${this.name}#/${pointer}` });
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }
}
