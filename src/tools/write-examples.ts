/**
 * Generates the examples of the OpenAPI document (src/control/docs-examples.generated.json,
 * shown by docs-examples.ts): for each operation with a 2xx JSON answer, Adobe's own example
 * where a vendored reference has one that fits the emulator's schema
 * (test/contract/reference/examples.json, kept by vendor-reference.ts), else the answer an
 * emulator with the bundled fixtures gives to the call example-recordings.ts lists for it. Every
 * example is checked against its operation's schema; a missing or unfitting one fails the run.
 * Adobe's error examples (the Schema Registry's) are kept too, where they fit the documented
 * error answer. The emulator runs on a frozen clock and seeded randomness, so the file is the same from run
 * to run. Run by `npm run openapi` (then write-openapi.js, and a build for the bundle):
 *
 *   node dist/src/tools/write-examples.js
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReferenceExample } from './reference-examples.js';
import { seedRandomness } from './seeded-randomness.js';
import { DEMO, EXAMPLE_TIME, RECORDINGS, type Recording } from './example-recordings.js';
import { documentValidator, responseOf, type DocumentValidator } from './example-validation.js';

type Json = Record<string, any>;

/** Each recorded call's ids come from RECORDING_SEED + its index. */
const RECORDING_SEED = 0x51f0e2a7;

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const EXAMPLES_FILE = join(packageRoot, 'src', 'control', 'docs-examples.generated.json');
/** The compiled copy next to docs-examples.js, which the built emulator reads (tsc copies it on the next build). */
const BUILT_EXAMPLES_FILE = join(packageRoot, 'dist', 'src', 'control', 'docs-examples.generated.json');
const REFERENCE_EXAMPLES = join(packageRoot, 'test', 'contract', 'reference', 'examples.json');

/** Where each Platform reference's paths start in the emulator. */
const REFERENCE_BASES: Record<string, string> = {
  'catalog.yaml': '/data/foundation/catalog',
  'batch-ingestion.yaml': '/data/foundation/import',
  'data-access.yaml': '/data/foundation/export',
  'schema-registry.yaml': '/data/foundation/schemaregistry',
  'target_api.json': '/{tenant}',
};

export interface GeneratedExample {
  /** `METHOD path`, as the document names the operation. */
  operation: string;
  status: number;
  /** `<reference file> <METHOD> <path>` for Adobe's example, else `fixtures` (recorded from the emulator). */
  source: string;
  value: unknown;
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

type Answers = Map<string, Array<{ status: number; schema: unknown }>>;

/** The operations of the document that answer JSON with a status of `kind` (2xx or 4xx), with that status and schema. */
function documentedAnswers(document: Json, kind: RegExp): Answers {
  const found: Answers = new Map();
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (!METHODS.has(method)) continue;
      const answers = Object.entries<Json>(operation.responses ?? {})
        .map(([status, response]) => [status, responseOf(document, response)?.content?.['application/json']] as const)
        .filter(([status, media]) => kind.test(status) && media)
        .map(([status, media]) => ({ status: Number(status), schema: media!.schema }));
      if (answers.length > 0) found.set(`${method.toUpperCase()} ${path}`, answers);
    }
  }
  return found;
}

/** A path template with its parameters unnamed, so /dataSets/{DATASET_ID} and /dataSets/{id} compare equal. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}').replace(/\/$/, '');

/** The document operations a reference operation stands for ({CONTAINER_ID} is tenant or global). */
function emulatorOperations(example: ReferenceExample): string[] {
  const base = REFERENCE_BASES[example.file];
  if (!base) return [];
  const paths = example.path.includes('{CONTAINER_ID}')
    ? ['tenant', 'global'].map((container) => example.path.replace('{CONTAINER_ID}', container))
    : [example.path];
  return paths.map((path) => `${example.method} ${shape(base + path)}`);
}

/** Adobe's response examples for the answers in `documented` that they fit, by `METHOD path status`. */
function fromReferences(references: ReferenceExample[], documented: Answers, validator: DocumentValidator): Map<string, GeneratedExample> {
  const byShape = new Map([...documented.keys()].map((operation) => [shape(operation), operation]));
  const chosen = new Map<string, GeneratedExample>();
  for (const example of references) {
    if (example.part !== 'response') continue;
    for (const candidate of emulatorOperations(example)) {
      const operation = byShape.get(candidate);
      const answer = operation ? documented.get(operation)!.find(({ status }) => String(status) === example.status) : undefined;
      const key = operation && answer ? `${operation} ${answer.status}` : undefined;
      if (!key || chosen.has(key)) continue;
      const source = `${example.file} ${example.method} ${example.path}`;
      const problems = validator.problems(answer!.schema, example.example);
      if (problems.length > 0) {
        process.stdout.write(`  not used: ${source} ${example.status} does not fit ${operation} (${problems.slice(0, 3).join('; ')})\n`);
        continue;
      }
      chosen.set(key, { operation: operation!, status: answer!.status, source, value: example.example });
    }
  }
  return chosen;
}

/** The headers each area's gateway asks for, with the demo integration's token. */
function headersFor(url: string, token: string | undefined): Record<string, string> {
  const bearer: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (url.startsWith('/data/foundation/')) return { ...bearer, 'x-api-key': DEMO.clientId, 'x-gw-ims-org-id': DEMO.org, 'x-sandbox-name': 'prod' };
  if (/^\/[^/]+\/target\//.test(url) || url.startsWith('/Rest/')) return { ...bearer, 'x-api-key': DEMO.clientId };
  return {};
}

async function record(successes: Answers, skip: Set<string>, problems: string[]): Promise<Map<string, GeneratedExample>> {
  const { buildApp } = await import('../server.js');
  const blobDir = await mkdtemp(join(tmpdir(), 'adobe-api-mock-examples-'));
  const { app, ctx } = await buildApp({ logLevel: 'silent', clock: EXAMPLE_TIME, freezeClock: true, processingDelayMs: 0, blobDir, tokenSecret: 'openapi-examples' });
  const { processingDone } = await import('../services/ingestion/processing.js');
  const seen = new Map<string, unknown>();
  const seenOf = (operation: string) => {
    if (!seen.has(operation)) throw new Error(`needs the answer of ${operation}, which was not recorded`);
    return seen.get(operation) as any;
  };
  const recorded = new Map<string, GeneratedExample>();
  try {
    await app.ready();
    let token: string | undefined;
    for (const [index, recording] of RECORDINGS.entries()) {
      // A fresh sequence per call: what start-up drew (it varies with the checkout's path) cannot shift the ids.
      seedRandomness(RECORDING_SEED + index);
      let url: string;
      let payload: string | undefined;
      try {
        url = typeof recording.url === 'function' ? recording.url(seenOf) : recording.url;
        payload = await bodyOf(recording, seenOf);
      } catch (error) {
        problems.push(`${recording.operation}: ${(error as Error).message}`);
        continue;
      }
      const method = recording.operation.split(' ')[0] as 'GET';
      const answer = await app.inject({
        method,
        url,
        headers: { ...headersFor(url, token), ...(payload === undefined ? {} : { 'content-type': recording.contentType ?? 'application/json' }), ...recording.headers },
        ...(payload === undefined ? {} : { payload }),
      });
      await processingDone(ctx);
      const documented = successes.get(recording.operation);
      // An answer Adobe's reference has the example of is called only for what later calls need.
      const wanted = !recording.setup && !skip.has(`${recording.operation} ${recording.status ?? documented?.[0]?.status}`);
      if (answer.statusCode < 200 || answer.statusCode > 299) {
        if (wanted) problems.push(`${recording.operation} (${method} ${url}) answered ${answer.statusCode}: ${answer.body.slice(0, 300)}`);
        continue;
      }
      // Target Profile's updates answer XML, documented as a string.
      const json = /json/.test(String(answer.headers['content-type']));
      const body = json ? answer.json() : answer.body;
      if (!seen.has(recording.operation)) seen.set(recording.operation, body);
      if (recording.operation === 'POST /ims/token/v3') token = (body as { access_token: string }).access_token;
      const key = `${recording.operation} ${answer.statusCode}`;
      if (!wanted || recorded.has(key)) continue;
      if (!documented?.some(({ status }) => status === answer.statusCode)) {
        problems.push(`${recording.operation} answered ${answer.statusCode}, which the document does not list with a JSON body`);
        continue;
      }
      const value = recording.stable ? recording.stable(body) : body;
      recorded.set(key, { operation: recording.operation, status: answer.statusCode, source: 'fixtures', value });
    }
  } finally {
    await app.close();
    await rm(blobDir, { recursive: true, force: true });
  }
  return recorded;
}

async function bodyOf(recording: Recording, seen: (operation: string) => unknown): Promise<string | undefined> {
  const body = typeof recording.body === 'function' ? await recording.body(seen) : recording.body;
  if (body === undefined) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

export async function generateExamples(): Promise<{ examples: GeneratedExample[]; problems: string[] }> {
  seedRandomness();
  const { buildApp } = await import('../server.js');
  const { app, docs } = await buildApp({ logLevel: 'silent' });
  await app.ready();
  const document = await docs.document();
  await app.close();

  const successes = documentedAnswers(document, /^2/);
  const validator = documentValidator(document);
  const references = JSON.parse(await readFile(REFERENCE_EXAMPLES, 'utf8')) as ReferenceExample[];
  const adobe = fromReferences(references, successes, validator);
  // Adobe's error examples too, beside the emulator's own (docs-errors.ts), where they fit.
  const adobeErrors = fromReferences(references, documentedAnswers(document, /^4/), validator);
  const problems: string[] = [];
  const recorded = await record(successes, new Set(adobe.keys()), problems);

  const examples: GeneratedExample[] = [];
  for (const [operation, answers] of successes) {
    for (const { status, schema } of answers) {
      const example = adobe.get(`${operation} ${status}`) ?? recorded.get(`${operation} ${status}`);
      if (!example) {
        problems.push(`${operation} ${status}: no example (add a call to example-recordings.ts)`);
        continue;
      }
      const mismatch = validator.problems(schema, example.value);
      if (mismatch.length > 0) problems.push(`${operation} ${status}: the ${example.source} example does not fit its schema: ${mismatch.slice(0, 5).join('; ')}`);
      examples.push(example);
    }
  }
  examples.push(...adobeErrors.values());
  return { examples, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { examples, problems } = await generateExamples();
  const adobe = examples.filter((example) => example.source !== 'fixtures').length;
  const text = `${JSON.stringify(examples, null, 1)}\n`;
  await writeFile(EXAMPLES_FILE, text);
  await writeFile(BUILT_EXAMPLES_FILE, text);
  process.stdout.write(`wrote ${EXAMPLES_FILE}: ${examples.length} examples, ${adobe} from Adobe's references, ${examples.length - adobe} recorded from the fixtures\n`);
  if (problems.length > 0) {
    process.stderr.write(`${problems.map((problem) => `  ${problem}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}
