import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const OPENAPI_FILE = join(packageRoot, 'openapi', 'openapi.json');

/** The OpenAPI document as the running server describes itself, as committed text. */
export async function generateOpenApi(): Promise<string> {
  const { app, docs } = await buildApp({ logLevel: 'silent' });
  await app.ready();
  const text = `${JSON.stringify(await docs.document(), null, 2)}\n`;
  await app.close();
  return text;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await generateOpenApi();
  await mkdir(dirname(OPENAPI_FILE), { recursive: true });
  await writeFile(OPENAPI_FILE, text);
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
