/**
 * What the OpenAPI document adds to the route schemas, for the whole document at once: each area's error envelopes and documented error answers, the success
 * examples, and the tags in reading order (products first, the control API last).
 */
import { ERROR_SCHEMAS, errorExamples, errorResponses } from './docs-errors.js';
import { SUCCESS_EXAMPLES } from './docs-examples.js';
import { areaOf, type DocsArea } from './docs-security.js';

type Json = Record<string, any>;

const AREA_ORDER: DocsArea[] = ['ims', 'platform', 'target', 'profile', 'stock', 'control', 'open'];
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export function decorateDocument<T extends object>(source: T): T {
  const document = source as Json;
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ...ERROR_SCHEMAS };

  const tagRank = new Map<string, number>();
  for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
    const area = areaOf(path);
    const errors = errorResponses(errorExamples(area, path));
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (!METHODS.has(method)) continue;
      const responses = (operation.responses ??= {});
      for (const [status, response] of Object.entries(errors)) responses[status] ??= response;
      addSuccessExample(method, path, responses);
      for (const tag of operation.tags ?? []) {
        const rank = AREA_ORDER.indexOf(area);
        if (!tagRank.has(tag) || tagRank.get(tag)! > rank) tagRank.set(tag, rank);
      }
    }
  }
  // A stable sort: within an area, tags keep the order the routes first name them.
  const tags = [...tagRank.keys()].sort((a, b) => tagRank.get(a)! - tagRank.get(b)!);
  return { ...document, tags: tags.map((name) => ({ name })) } as T;
}

function addSuccessExample(method: string, path: string, responses: Json): void {
  const example = SUCCESS_EXAMPLES.find((candidate) => candidate.method.toLowerCase() === method && candidate.path === path);
  const media = example && responses[example.status]?.content?.['application/json'];
  if (media) media.example = example.value;
}
