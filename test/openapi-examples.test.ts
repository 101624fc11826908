/**
 * The examples the OpenAPI document shows (src/control/docs-examples.ts, docs-errors.ts) are
 * true: Adobe's own where the reference has one, each valid against its operation's schema in
 * the document and, for Target, against Adobe's reference schema (Batch Ingestion's reference
 * lists no `loading` status, which a new batch has).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { OPENAPI_FILE } from '../src/tools/write-openapi.js';
import { SUCCESS_EXAMPLES } from '../src/control/docs-examples.js';
import { ERROR_SCHEMAS } from '../src/control/docs-errors.js';
import { ReferenceSpec } from './contract/reference.js';

interface ReferenceExample {
  file: string;
  method: string;
  path: string;
  part: string;
  status?: string;
  example?: unknown;
}

const document = JSON.parse(await readFile(OPENAPI_FILE, 'utf8'));
const referenceExamples = JSON.parse(
  await readFile(new URL('../../test/contract/reference/examples.json', import.meta.url), 'utf8'),
) as ReferenceExample[];

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ components: document.components }, 'doc');
  return ajv;
}
/** The document's local $refs (#/components/...), resolved against the registered components. */
const rebase = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));

test('the examples taken from Adobe references are theirs, verbatim', () => {
  const taken = SUCCESS_EXAMPLES.filter((example) => example.source !== 'fixtures');
  assert.ok(taken.length >= 4);
  for (const example of taken) {
    const [file, method, path] = example.source.split(' ');
    const reference = referenceExamples.find(
      (candidate) => candidate.file === file && candidate.method === method && candidate.path === path && candidate.part === 'response' && candidate.status === String(example.status),
    );
    assert.ok(reference, `no reference example ${example.source}`);
    assert.deepEqual(example.value, reference.example, example.source);
  }
});

test('every example in the document fits its operation, and Target ones fit Adobe\'s schema', () => {
  const ajv = validator();
  let checked = 0;
  for (const example of SUCCESS_EXAMPLES) {
    const media = document.paths[example.path]?.[example.method.toLowerCase()]?.responses?.[example.status]?.content?.['application/json'];
    assert.ok(media, `${example.method} ${example.path} ${example.status} is documented`);
    assert.deepEqual(media.example, example.value, `${example.method} ${example.path} shows the example`);
    const validate = ajv.compile(rebase(media.schema));
    assert.ok(validate(example.value), `${example.method} ${example.path}: ${ajv.errorsText(validate.errors)}`);
    checked += 1;
  }
  const target = ReferenceSpec.load('target_api.json');
  for (const example of SUCCESS_EXAMPLES.filter((candidate) => candidate.path.startsWith('/{tenant}/target/'))) {
    assert.deepEqual(target.problems(example.method, example.path.replace('{tenant}', 'mocktenant'), example.status, example.value), [], example.path);
  }
  assert.ok(checked >= 9);
});

test('every error example is in its envelope', () => {
  const ajv = validator();
  let checked = 0;
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
        const media = response.content?.['application/json'];
        if (Number(status) < 400 || !media?.examples) continue;
        const validate = ajv.compile(rebase(media.schema));
        for (const [name, { value }] of Object.entries<any>(media.examples)) {
          assert.ok(validate(value), `${method} ${path} ${status} ${name}: ${ajv.errorsText(validate.errors)}`);
          const numbered = (value as { status?: unknown; httpStatus?: unknown; statusCode?: unknown }) ?? {};
          for (const field of [numbered.status, numbered.httpStatus, numbered.statusCode]) if (typeof field === 'number') assert.equal(field, Number(status));
          checked += 1;
        }
      }
    }
  }
  assert.ok(checked > 500, `${checked} error examples`);
  assert.deepEqual(Object.keys(document.components.schemas).filter((name) => name in ERROR_SCHEMAS), Object.keys(ERROR_SCHEMAS));
});
