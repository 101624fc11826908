/**
 * Copies the parts of Adobe's published OpenAPI descriptions that the contract tests need
 * (paths, parameters, responses and schemas) into test/contract/reference/*.json, without
 * their prose (descriptions, summaries, examples). Run after the references change:
 *
 *   npx tsc -p tsconfig.json && node dist/src/tools/vendor-reference.js [reference dir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const VENDORED = ['catalog.yaml', 'batch-ingestion.yaml', 'data-access.yaml', 'schema-registry.yaml'];
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
for (const file of VENDORED) {
  const document = withoutProse(parse(readFileSync(join(source, file), 'utf8')));
  writeFileSync(join(target, file.replace(/\.yaml$/, '.json')), `${JSON.stringify(document)}\n`);
  process.stdout.write(`vendored ${file}\n`);
}
