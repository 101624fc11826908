/**
 * What the OpenAPI document adds to the route schemas, for the whole document at once: each
 * area's error envelopes and documented error answers (shared under components/responses), the
 * generated examples (docs-examples.ts), the tags in reading order (products first, the control
 * API last); then repeated schemas and parameters move to components (docs-components.ts).
 */
import { ERROR_SCHEMAS, errorExamples, errorResponses } from './docs-errors.js';
import { hoistRepeatedParameters, hoistRepeatedSchemas } from './docs-components.js';
import { referenceErrorExample, successExample } from './docs-examples.js';
import { areaOf, type DocsArea } from './docs-security.js';
import { PRODUCTS } from '../services/registry.js';

type Json = Record<string, any>;

/** The operation extension docs.ts hands a Target route's API versions in (removed from the document). */
export const TARGET_VERSIONS = 'x-target-versions';

/** The demo integration's tenant and client code, the examples of the `{tenant}` and `{client}` path parameters. */
export interface DemoNames {
  tenant?: string;
  client?: string;
}

/** Tags are listed by area: the products in their declared order, then the control plane, then the rest. */
const AREA_ORDER: readonly DocsArea[] = [...PRODUCTS, 'control', 'open'];
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export function decorateDocument<T extends object>(source: T, demo: DemoNames = {}): T {
  // A copy: the document may share objects with the routes' own schemas, which must not change.
  const document = structuredClone(source) as Json;
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ...ERROR_SCHEMAS };
  const sharedResponses: Json = (components.responses ??= {});

  const tagRank = new Map<string, number>();
  for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
    const area = areaOf(path);
    const errors = errorResponses(errorExamples(area, path));
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (!METHODS.has(method)) continue;
      const responses = (operation.responses ??= {});
      for (const [status, response] of Object.entries(errors)) {
        const adobe = referenceErrorExample(method, path, status);
        responses[status] ??= { $ref: `#/components/responses/${share(sharedResponses, area, status, response as Json, adobe?.value)}` };
      }
      addSuccessExamples(method, path, responses);
      if (operation[TARGET_VERSIONS]) addTargetMediaTypes(method, operation, operation[TARGET_VERSIONS]);
      delete operation[TARGET_VERSIONS];
      for (const parameter of operation.parameters ?? []) {
        const example = parameter.in === 'path' ? demo[parameter.name as keyof DemoNames] : undefined;
        if (example !== undefined) parameter.example ??= example;
      }
      for (const tag of operation.tags ?? []) {
        const rank = AREA_ORDER.indexOf(area);
        if (!tagRank.has(tag) || tagRank.get(tag)! > rank) tagRank.set(tag, rank);
      }
    }
  }
  hoistRepeatedSchemas(document);
  hoistRepeatedParameters(document);
  components.responses = Object.fromEntries(Object.entries(sharedResponses).sort(([a], [b]) => a.localeCompare(b)));
  // A stable sort: within an area, tags keep the order the routes first name them.
  const tags = [...tagRank.keys()].sort((a, b) => tagRank.get(a)! - tagRank.get(b)!);
  return { ...document, tags: tags.map((name) => ({ name })) } as T;
}

/**
 * The name in components/responses of an area's error answer for a status, which is the same on
 * every path; with Adobe's example of it (the reference's for that path) added, one per example.
 */
function share(shared: Json, area: DocsArea, status: string, response: Json, adobe: unknown): string {
  const name = `${area[0]!.toUpperCase()}${area.slice(1)}Error${status}`;
  if (adobe === undefined) {
    shared[name] ??= response;
    return name;
  }
  const withAdobe = withReferenceExample(response, adobe);
  const text = JSON.stringify(withAdobe);
  let n = 1;
  while (shared[`${name}Adobe${n}`] && JSON.stringify(shared[`${name}Adobe${n}`]) !== text) n += 1;
  shared[`${name}Adobe${n}`] ??= withAdobe;
  return `${name}Adobe${n}`;
}

/** An error answer with Adobe's example of it added to the emulator's own (named `adobeReference`). */
function withReferenceExample(response: Json, value: unknown): Json {
  const media = response.content['application/json'];
  return {
    ...response,
    description: `${response.description}, adobeReference`,
    content: { 'application/json': { ...media, examples: { ...media.examples, adobeReference: { summary: "Adobe's reference example", value } } } },
  };
}

function addSuccessExamples(method: string, path: string, responses: Json): void {
  for (const [status, response] of Object.entries<Json>(responses)) {
    const media = /^2/.test(status) ? response.content?.['application/json'] : undefined;
    const example = media && successExample(method, path, status);
    if (!example) continue;
    // Swagger UI's resolver merges `allOf` and follows `$ref` inside a media type's example (an
    // XDM schema of the Schema Registry has both); under the schema's own `example` it leaves
    // them as written.
    if (hasSchemaKeywords(example.value)) media.schema = { ...media.schema, example: example.value };
    else media.example = example.value;
  }
}

function hasSchemaKeywords(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasSchemaKeywords);
  if (typeof value !== 'object' || value === null) return false;
  return '$ref' in value || 'allOf' in value || Object.values(value).some(hasSchemaKeywords);
}

/**
 * A Target operation's media types, as the gateway reads them (src/gateway/target.ts,
 * requestedVersion): the version comes from Content-Type when the method carries a payload, from
 * Accept otherwise, as application/vnd.adobe.target.vN+json; plain application/json, a wildcard or
 * no header mean v1, so application/json is listed only where v1 is served. Each type has the
 * same schema (the example, the bundled fixtures' answer, stays under application/json). The
 * emulator answers Content-Type application/json whatever the version.
 */
function addTargetMediaTypes(method: string, operation: Json, versions: number[]): void {
  const withVersions = (content: Json | undefined) => {
    const media = content?.['application/json'];
    if (!media) return content;
    const { example: _example, examples: _examples, ...bare } = media;
    const vendor = Object.fromEntries(versions.map((version) => [`application/vnd.adobe.target.v${version}+json`, structuredClone(bare)]));
    return versions.includes(1) ? { 'application/json': media, ...vendor } : vendor;
  };
  if (operation.requestBody?.content) operation.requestBody.content = withVersions(operation.requestBody.content);
  for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
    if (/^2/.test(status) && response.content) response.content = withVersions(response.content);
  }
  const header = ['post', 'put', 'patch'].includes(method) ? 'Content-Type' : 'Accept';
  const list = versions.map((version) => `v${version}`).join(', ');
  const note =
    `API versions ${list}: ${header} application/vnd.adobe.target.vN+json selects one` +
    (versions.includes(1)
      ? '; application/json, a wildcard or no header mean v1'
      : '; application/json, a wildcard or no header mean v1, answered 406 Unsupported.Feature here') +
    '. The emulator answers Content-Type application/json whatever the version.';
  operation.description = operation.description ? `${operation.description}\n\n${note}` : note;
}
