/**
 * The request and response examples of a published OpenAPI description, each with the
 * operation it belongs to: operation-level `example`/`examples` (OpenAPI 3 media types, Swagger 2
 * responses), parameter examples, and the `example` of a component a body refers to directly
 * ($ref), which is where schema-registry.yaml keeps its samples. vendor-reference.ts writes them
 * to test/contract/reference/examples.json for the audit test (test/contract/platform-examples.test.ts).
 */
type Json = Record<string, any>;

export interface ReferenceExample {
  file: string;
  method: string;
  path: string;
  /** request: a body; parameter: one query/header/path value; response: a body for `status`. */
  part: 'request' | 'parameter' | 'response';
  status?: string;
  /** The media type, the parameter's name, or the example's name among several. */
  name?: string;
  example: unknown;
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);

export function referenceExamples(file: string, document: Json): ReferenceExample[] {
  const components: Json = document.components?.schemas ?? document.definitions ?? {};
  const found: ReferenceExample[] = [];
  const componentExample = (schema: Json | undefined): unknown => {
    const ref = typeof schema?.$ref === 'string' ? schema.$ref : undefined;
    return ref ? components[ref.split('/').pop()!]?.example : schema?.example;
  };
  const fromContent = (base: Omit<ReferenceExample, 'example' | 'name'>, content: Json | undefined) => {
    for (const [mediaType, media] of Object.entries<Json>(content ?? {})) {
      if (media.example !== undefined) found.push({ ...base, name: mediaType, example: media.example });
      for (const [name, entry] of Object.entries<Json>(media.examples ?? {})) found.push({ ...base, name: `${mediaType} ${name}`, example: entry?.value ?? entry });
      const inSchema = componentExample(media.schema);
      if (media.example === undefined && media.examples === undefined && inSchema !== undefined) found.push({ ...base, name: mediaType, example: inSchema });
    }
  };
  for (const [path, operations] of Object.entries<Json>(document.paths ?? {})) {
    for (const [method, operation] of Object.entries<Json>(operations)) {
      if (!METHODS.has(method)) continue;
      const base = { file, method: method.toUpperCase(), path };
      fromContent({ ...base, part: 'request' }, operation.requestBody?.content);
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'body') {
          const example = componentExample(parameter.schema);
          if (example !== undefined) found.push({ ...base, part: 'request', name: 'body', example });
        } else if (parameter.example !== undefined) {
          found.push({ ...base, part: 'parameter', name: `${parameter.in} ${parameter.name}`, example: parameter.example });
        }
      }
      for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
        const responseBase = { ...base, part: 'response' as const, status };
        fromContent(responseBase, response.content);
        for (const [mediaType, example] of Object.entries(response.examples ?? {})) found.push({ ...responseBase, name: mediaType, example });
        const inSchema = response.examples === undefined ? componentExample(response.schema) : undefined;
        if (inSchema !== undefined) found.push({ ...responseBase, example: inSchema });
      }
    }
  }
  return found;
}
