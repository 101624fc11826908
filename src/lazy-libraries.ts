/**
 * Libraries that only some requests need, loaded on first use rather than at startup (together
 * they were a third of the time to the first answer). ajv, ajv-formats and fast-json-patch are
 * CommonJS, so they load synchronously where a sync API needs them; the ESM-only or streaming
 * ones (hyparquet, csv-parse) are awaited by the async code that uses them.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvInstance, Options as AjvOptions } from 'ajv';

const require = createRequire(import.meta.url);

let ajvModule: typeof import('ajv') | null = null;
let addFormats: ((ajv: AjvInstance) => AjvInstance) | null = null;

/** A new Ajv instance with ajv-formats added. */
export function newAjv(options: AjvOptions): AjvInstance {
  ajvModule ??= require('ajv') as typeof import('ajv');
  // ajv-formats is CommonJS with the function on both module.exports and .default.
  addFormats ??= (require('ajv-formats') as { default: (ajv: AjvInstance) => AjvInstance }).default;
  const ajv = new ajvModule.Ajv(options);
  addFormats(ajv);
  return ajv;
}

let jsonPatch: typeof import('fast-json-patch') | null = null;

export function fastJsonPatch(): typeof import('fast-json-patch') {
  return (jsonPatch ??= require('fast-json-patch') as typeof import('fast-json-patch'));
}

let csv: Promise<typeof import('csv-parse')> | null = null;

export function csvParse(): Promise<typeof import('csv-parse')> {
  return (csv ??= import('csv-parse'));
}

let parquet: Promise<typeof import('hyparquet')> | null = null;

export function hyparquet(): Promise<typeof import('hyparquet')> {
  return (parquet ??= import('hyparquet'));
}
