/**
 * Copies the parts of Adobe's published OpenAPI descriptions that the contract tests need
 * (paths, parameters, responses and schemas) into test/contract/reference/*.json, without
 * their prose (descriptions, summaries, examples; the references' request and response
 * examples go to examples.json instead, see reference-examples.ts), then applies the ERRATA below (places where
 * a reference contradicts the samples of the seed documents, which are the authority for
 * shapes). Run after the references change:
 *
 *   npx tsc -p tsconfig.json && node dist/src/tools/vendor-reference.js [reference dir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { referenceExamples, type ReferenceExample } from './reference-examples.js';

export const VENDORED = ['catalog.yaml', 'batch-ingestion.yaml', 'data-access.yaml', 'schema-registry.yaml', 'target_api.json'];
/** The references whose request/response examples are kept, in examples.json (target_api.json has none today). */
const WITH_EXAMPLES = ['catalog.yaml', 'batch-ingestion.yaml', 'data-access.yaml', 'schema-registry.yaml', 'target_api.json'];

type Json = Record<string, any>;

/** One correction of a vendored reference: what it says, what the seed shows, and the fix. */
interface Erratum {
  file: string;
  why: string;
  apply(document: Json): void;
}

const TARGET_LISTS = ['ActivityList', 'ActivityChangeLogList', 'OfferList', 'AudienceList', 'PropertyList', 'MBoxList', 'EnvironmentList'];

/** A 200 response documented as an array of one schema, answered as a single object. */
function singleObject(path: string, method: string, mediaType: string, schema: string): (document: Json) => void {
  return (document) => {
    const content = document.paths[path][method].responses['200'].content[mediaType];
    if (content.schema?.type !== 'array') throw new Error(`target_api.json: ${method} ${path} no longer documents an array`);
    content.schema = { $ref: `#/components/schemas/${schema}` };
  };
}

export const ERRATA: Erratum[] = [
  {
    file: 'target_api.json',
    why: 'component schemas list properties without `type: object`, so an array or a string would conform; every sample is an object (tightening)',
    apply(document) {
      for (const schema of Object.values(document.components.schemas as Record<string, Json>)) {
        if (schema.properties && schema.type === undefined) schema.type = 'object';
      }
    },
  },
  {
    file: 'target_api.json',
    why: 'list `offset` is typed string; every list sample of seed 004 (activities, offers, audiences, properties, mboxes, environments, changelog) answers the number 0',
    apply(document) {
      for (const name of TARGET_LISTS) {
        const offset = document.components.schemas[name]?.properties?.offset;
        if (!offset) throw new Error(`target_api.json: ${name} has no offset property any more`);
        offset.type = 'integer';
      }
    },
  },
  {
    file: 'target_api.json',
    why: 'GET, PUT and DELETE /audiences/{id} are typed as arrays of Audience; seed 004 answers one audience object',
    apply(document) {
      for (const method of ['get', 'put', 'delete']) singleObject('/target/audiences/{id}', method, 'application/json', 'Audience')(document);
    },
  },
  {
    file: 'target_api.json',
    why: 'PUT and DELETE /offers/content/{id} are typed as arrays of Offer; seed 004 answers one offer object',
    apply(document) {
      for (const method of ['put', 'delete']) {
        singleObject('/target/offers/content/{id}', method, 'application/vnd.adobe.target.v2+json', 'Offer')(document);
      }
    },
  },
];
const PROSE = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'x-codegen-request-body-name', 'tags', 'info']);

/** Drops prose keys, except where they are names of schema properties. */
function withoutProse(node: unknown, keysAreNames = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutProse(item));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!keysAreNames && PROSE.has(key)) continue;
    out[key] = withoutProse(value, key === 'properties' || key === 'paths' || key === 'schemas' || key === 'responses' || key === 'parameters' && !Array.isArray(value));
  }
  return out;
}

const source = process.argv[2] ?? fileURLToPath(new URL('../../../../shared/reference/', import.meta.url));
const target = fileURLToPath(new URL('../../../test/contract/reference/', import.meta.url));
const examples: ReferenceExample[] = [];
for (const file of VENDORED) {
  // JSON is YAML, so one parser reads both kinds of reference.
  const original = parse(readFileSync(join(source, file), 'utf8')) as Json;
  if (WITH_EXAMPLES.includes(file)) examples.push(...referenceExamples(file, original));
  const document = withoutProse(original) as Json;
  for (const erratum of ERRATA.filter((e) => e.file === file)) {
    erratum.apply(document);
    process.stdout.write(`  ${file} erratum: ${erratum.why}\n`);
  }
  writeFileSync(join(target, file.replace(/\.yaml$/, '.json')), `${JSON.stringify(document)}\n`);
  process.stdout.write(`vendored ${file}\n`);
}
writeFileSync(join(target, 'examples.json'), `${JSON.stringify(examples, null, 1)}\n`);
process.stdout.write(`kept ${examples.length} examples of ${WITH_EXAMPLES.join(', ')} in examples.json\n`);
