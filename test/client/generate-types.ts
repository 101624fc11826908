/**
 * TypeScript types of the emulator's API, generated from openapi/openapi.json by
 * openapi-typescript, as a client project would. Committed as test/client/openapi-types.ts (the
 * project's tsc compiles the client test against them); `npm run openapi` rewrites them and
 * test/client/openapi-client.test.ts checks they are current.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';
import { OPENAPI_FILE } from '../../src/tools/write-openapi.js';

/** dist/test/client/ → the repository root. */
const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..');
export const TYPES_FILE = join(ROOT, 'test', 'client', 'openapi-types.ts');

export async function generateClientTypes(): Promise<string> {
  const document = JSON.parse(await readFile(OPENAPI_FILE, 'utf8'));
  return `// Generated from openapi/openapi.json by openapi-typescript (npm run openapi); do not edit.\n${await openapiTS(document)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(TYPES_FILE, await generateClientTypes());
  process.stdout.write(`wrote ${TYPES_FILE}\n`);
}
