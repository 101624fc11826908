/**
 * The examples the OpenAPI document shows are complete and true: every 2xx JSON answer has one
 * (src/control/docs-examples.generated.json, written by src/tools/write-examples.ts, which is
 * current); Adobe's (success and error) are theirs, verbatim; each fits its operation's schema in the document and,
 * for Target, Adobe's reference schema where the reference documents that answer; every error
 * example is in its envelope.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { OPENAPI_FILE } from '../src/tools/write-openapi.js';
import { EXAMPLES_FILE, generateExamples } from '../src/tools/write-examples.js';
import { documentValidator, responseOf } from '../src/tools/example-validation.js';
import { REFERENCE_ERROR_EXAMPLES, SUCCESS_EXAMPLES } from '../src/control/docs-examples.js';
import { ERROR_SCHEMAS } from '../src/control/docs-errors.js';
import type { ReferenceExample } from '../src/tools/reference-examples.js';
import { ReferenceSpec } from './contract/reference.js';

type Json = Record<string, any>;

const document = JSON.parse(await readFile(OPENAPI_FILE, 'utf8')) as Json;
const referenceExamples = JSON.parse(
  await readFile(new URL('../../test/contract/reference/examples.json', import.meta.url), 'utf8'),
) as ReferenceExample[];
const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

/** Every documented answer of the document: operation, status and its response object ($ref followed). */
function answers(): Array<{ operation: string; method: string; path: string; status: string; response: Json }> {
  const list = [];
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (!METHODS.has(method)) continue;
      for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
        list.push({ operation: `${method.toUpperCase()} ${path}`, method, path, status, response: responseOf(document, response)! });
      }
    }
  }
  return list;
}

// Generating seeds this process's randomness (seeded-randomness.ts); nothing after it here needs any.
test('docs-examples.generated.json is what write-examples generates (run `npm run openapi`)', async () => {
  const { examples, problems } = await generateExamples();
  assert.deepEqual(problems, []);
  assert.deepEqual(JSON.parse(await readFile(EXAMPLES_FILE, 'utf8')), examples);
});

test('every 2xx answer with a JSON body has an example, the generated one', () => {
  let shown = 0;
  for (const { operation, status, response } of answers()) {
    const media = response.content?.['application/json'];
    if (!/^2/.test(status) || !media) continue;
    const example = SUCCESS_EXAMPLES.find((candidate) => candidate.operation === operation && String(candidate.status) === status);
    assert.ok(example, `${operation} ${status} has an example`);
    // Under the schema when the example holds $ref or allOf keys (docs-document.ts).
    assert.deepEqual(media.example ?? media.schema?.example, example.value, `${operation} ${status} shows the generated example`);
    shown += 1;
  }
  assert.equal(shown, SUCCESS_EXAMPLES.length, 'every generated example is shown');
  assert.ok(shown >= 119, `${shown} success examples`);
});

test('the examples taken from Adobe references are theirs, verbatim', () => {
  const taken = [...SUCCESS_EXAMPLES, ...REFERENCE_ERROR_EXAMPLES].filter((example) => example.source !== 'fixtures');
  assert.ok(taken.length >= 44, `${taken.length} examples of Adobe's`);
  for (const file of ['catalog.yaml', 'schema-registry.yaml']) assert.ok(taken.some((example) => example.source.startsWith(file)), `${file} examples are shown`);
  for (const example of taken) {
    const [file, method, path] = example.source.split(' ');
    const reference = referenceExamples.find(
      (candidate) => candidate.file === file && candidate.method === method && candidate.path === path && candidate.part === 'response' && candidate.status === String(example.status),
    );
    assert.ok(reference, `no reference example ${example.source}`);
    assert.deepEqual(example.value, reference.example, example.source);
  }
});

test('every success example fits its operation, and Target ones fit Adobe\'s schema', () => {
  const validator = documentValidator(document);
  const target = ReferenceSpec.load('target_api.json');
  let checked = 0;
  let checkedByAdobe = 0;
  for (const example of SUCCESS_EXAMPLES) {
    const [method, path] = example.operation.split(' ') as [string, string];
    const media = responseOf(document, document.paths[path]?.[method.toLowerCase()]?.responses?.[example.status])?.content?.['application/json'];
    assert.ok(media, `${example.operation} ${example.status} is documented`);
    assert.deepEqual(validator.problems(media.schema, example.value), [], `${example.operation} ${example.status}`);
    checked += 1;
    if (!path.startsWith('/{tenant}/target/')) continue;
    let problems: string[];
    try {
      problems = target.problems(method, path.replace('{tenant}', 'mocktenant'), example.status, example.value);
    } catch {
      continue; // the reference does not document this answer
    }
    assert.deepEqual(problems, [], `${example.operation} against target_api.json`);
    checkedByAdobe += 1;
  }
  assert.equal(checked, SUCCESS_EXAMPLES.length);
  assert.ok(checkedByAdobe >= 20, `${checkedByAdobe} Target examples checked against Adobe's schema`);
});

test('Adobe\'s error examples are shown beside the emulator\'s own', () => {
  assert.ok(REFERENCE_ERROR_EXAMPLES.length >= 16, `${REFERENCE_ERROR_EXAMPLES.length} error examples of Adobe's`);
  for (const example of REFERENCE_ERROR_EXAMPLES) {
    const [method, path] = example.operation.split(' ') as [string, string];
    const media = responseOf(document, document.paths[path]?.[method.toLowerCase()]?.responses?.[example.status])?.content?.['application/json'];
    assert.deepEqual(media?.examples?.adobeReference?.value, example.value, `${example.operation} ${example.status}`);
    assert.ok(Object.keys(media.examples).length > 1, `${example.operation} ${example.status} keeps the emulator's own examples`);
  }
});

test('every error example is in its envelope', () => {
  const validator = documentValidator(document);
  let checked = 0;
  for (const { operation, status, response } of answers()) {
    const media = response.content?.['application/json'];
    if (Number(status) < 400 || !media?.examples) continue;
    for (const [name, { value }] of Object.entries<any>(media.examples)) {
      assert.deepEqual(validator.problems(media.schema, value), [], `${operation} ${status} ${name}`);
      const numbered = (value as { status?: unknown; httpStatus?: unknown; statusCode?: unknown }) ?? {};
      for (const field of [numbered.status, numbered.httpStatus, numbered.statusCode]) if (typeof field === 'number') assert.equal(field, Number(status));
      checked += 1;
    }
  }
  assert.ok(checked > 500, `${checked} error examples`);
  assert.deepEqual(Object.keys(document.components.schemas).filter((name) => name in ERROR_SCHEMAS), Object.keys(ERROR_SCHEMAS));
});
