import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Adobe's published OpenAPI descriptions, used to check that the emulator's responses have the
 * shapes the real services document. The data parts are vendored in test/contract/reference/
 * (see vendor-reference.ts).
 */
const REFERENCE_DIR = new URL('../../../test/contract/reference/', import.meta.url);

type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  /** OpenAPI 3: the base URL(s), possibly with {variables} (target_api.json: https://mc.adobe.io/{tenant-name}/). */
  servers?: Array<{ url: string }>;
  /** Swagger 2.0: the base path. */
  basePath?: string;
};
interface OpenApiOperation {
  /** OpenAPI 3 puts the body schema under `content`; Swagger 2.0 (schema-registry.yaml) directly on the response. */
  responses?: Record<string, { content?: Record<string, { schema?: unknown }>; schema?: unknown }>;
}

export class ReferenceSpec {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly templates: Array<{ template: string; pattern: RegExp }>;
  /** The path parts of the documented base URLs, as patterns matching a concrete path's beginning. */
  private readonly basePaths: RegExp[];
  private readonly compiled = new Map<string, ValidateFunction>();

  private constructor(
    readonly name: string,
    private readonly document: OpenApiDocument,
  ) {
    this.ajv.addSchema(document as object, name);
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${templatePattern(template)}/?$`),
    }));
    const bases = [...(document.servers ?? []).map((server) => server.url), ...(document.basePath ? [document.basePath] : [])];
    this.basePaths = bases
      .map((url) =>
        url
          .replace(/^[a-z]+:/i, '')
          .replace(/^\/\/[^/]*/, '')
          .replace(/\/+$/, ''),
      )
      .filter((path) => path !== '')
      .map((path) => new RegExp(`^${templatePattern(path)}(?=/)`));
  }

  /** One vendored reference, by its original name (e.g. catalog.yaml). */
  static load(file: string): ReferenceSpec {
    const json = new URL(file.replace(/\.yaml$/, '.json'), REFERENCE_DIR);
    return new ReferenceSpec(file, JSON.parse(readFileSync(json, 'utf8')) as OpenApiDocument);
  }

  /**
   * The documented path template a concrete path matches: a path below the service's base path
   * (`/batches/123`), or one that still carries the base path of the reference's server URL
   * (`/mocktenant/target/activities` for target_api.json, whose server is
   * `https://mc.adobe.io/{tenant-name}/` and whose paths start with /target).
   */
  templateOf(path: string, method?: string): string {
    const bare = path.split('?')[0]!;
    const candidates = [bare, ...this.basePaths.filter((base) => base.test(bare)).map((base) => bare.replace(base, ''))];
    // With a method, only the templates documenting it: GET /tenant/schemas is /{CONTAINER_ID}/schemas, not POST's /tenant/schemas.
    const templates = method ? this.templates.filter(({ template }) => this.document.paths[template]?.[method.toLowerCase()]) : this.templates;
    for (const candidate of candidates) {
      const exact = templates.find(({ template }) => template === candidate);
      const match = exact ?? templates.find(({ pattern }) => pattern.test(candidate));
      if (match) return match.template;
    }
    throw new Error(`${this.name} documents no path matching ${bare}`);
  }

  /** Every documented operation: its method (upper case), path template and documented statuses. */
  operations(): Array<{ method: string; template: string; statuses: string[] }> {
    return Object.entries(this.document.paths).flatMap(([template, item]) =>
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase(), template, statuses: Object.keys(operation.responses ?? {}) })),
    );
  }

  /**
   * Problems of a response body against the documented schema of (method, path, status);
   * an empty list when it conforms. Throws when the reference documents no such response.
   */
  problems(method: string, path: string, status: number, body: unknown, contentType = 'application/json'): string[] {
    const template = this.templateOf(path, method);
    const operation = this.document.paths[template]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${this.name} documents no ${method} ${template}`);
    const response = operation.responses?.[String(status)] ?? operation.responses?.default;
    if (!response) throw new Error(`${this.name} documents no ${status} for ${method} ${template}`);
    const swagger2 = response.content === undefined && response.schema !== undefined;
    const mediaType = swagger2
      ? contentType
      : (Object.keys(response.content ?? {}).find((type) => type.split(';')[0] === contentType.split(';')[0]) ?? Object.keys(response.content ?? {})[0]);
    if (!mediaType || (!swagger2 && !response.content?.[mediaType]?.schema)) return [];
    const location = swagger2 ? ['schema'] : ['content', mediaType, 'schema'];
    const responseKey = operation.responses?.[String(status)] ? String(status) : 'default';
    return this.problemsAt(['paths', template, method.toLowerCase(), 'responses', responseKey, ...location], body);
  }

  /** Problems of a value against the schema at a path of the document (e.g. ['definitions', 'errorBasic']); empty when it conforms. */
  problemsAt(location: string[], body: unknown): string[] {
    const pointer = location.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${this.name}#/${pointer}` });
      this.compiled.set(pointer, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A regular expression source matching a path template, each {variable} one path segment. */
function templatePattern(template: string): string {
  return template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
}
