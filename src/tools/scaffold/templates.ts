/**
 * What the route scaffold writes: a route's JSON Schema, its model function, its route line and a
 * test, in the project's conventions (CONTRIBUTING.md, "Add an endpoint").
 */
import type { Imported } from './source-edits.js';

export type Product = 'ims' | 'platform' | 'target' | 'profile' | 'stock';
export const PRODUCTS: readonly Product[] = ['ims', 'platform', 'target', 'profile', 'stock'];
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

export interface RouteSpec {
  /** Folder under src/services (`target-admin`). */
  service: string;
  /** Sub-folder of the service (`offers`); null puts the files in the service folder itself. */
  resource: string | null;
  method: Method;
  /** Path under the service's prefix, Fastify style (`/offers/:id/usage`). */
  path: string;
  /** The model function's name (`getOfferUsage`); the schema is `<name>Schema`. */
  name: string;
  /** Success status; anything but 200 makes the model return an Answer. */
  status: number;
  product: Product;
  /** The service's first path prefix (`/:tenant/target`), for the test's URL. */
  prefix: string;
}

/** Import specifiers as the generated files write them. */
export interface ModulePaths {
  /** A module under src/ (`services/answer.js`) as imported from the service folder (`../../answer.js`). */
  src(module: string): string;
  /** test/helpers.js as imported from the test's folder. */
  helpers: string;
}

/** What the gateway of each product leaves on the request for the model (src/gateway/types.ts). */
const CALLER: Record<Product, { argument: string; parameter: string; type: string } | null> = {
  platform: { argument: 'request.platform!', parameter: 'platform', type: 'PlatformRequestScope' },
  target: { argument: 'request.target!', parameter: 'target', type: 'TargetRequestScope' },
  stock: { argument: 'request.principal!', parameter: 'principal', type: 'Principal' },
  // The Profile API's client code comes in the path or the query; IMS has no caller before the token.
  profile: null,
  ims: null,
};

const hasBody = (spec: RouteSpec) => spec.method === 'POST' || spec.method === 'PUT' || spec.method === 'PATCH';
const answers = (spec: RouteSpec) => spec.status !== 200;

export function pathParameters(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]);
}

export const schemaName = (spec: RouteSpec) => `${spec.name}Schema`;

export function schemaSource(spec: RouteSpec, tag: string): string {
  // The prefix's parameters (`/:tenant/target`) are the route's too.
  const params = pathParameters(spec.prefix + spec.path);
  const lines = [
    `/** ${spec.method} ${spec.path}. TODO: name the document it follows (seed / reference) and describe what it takes. */`,
    `export const ${schemaName(spec)} = {`,
    `  tags: [${JSON.stringify(tag).replaceAll('"', "'")}],`,
    `  summary: 'TODO: one line for the OpenAPI document',`,
  ];
  if (params.length > 0) {
    const properties = params.map((param) => `${param}: { type: 'string' }`).join(', ');
    const required = params.map((param) => `'${param}'`).join(', ');
    lines.push(`  params: { type: 'object', properties: { ${properties} }, required: [${required}] },`);
  }
  if (hasBody(spec)) lines.push(`  body: { type: 'object', additionalProperties: true },`);
  lines.push(`  response: { ${spec.status}: { type: 'object', additionalProperties: true } },`, '} as const;');
  return `${lines.join('\n')}\n`;
}

/** The path parameters the model takes: the prefix's too when no gateway scope carries them (the Profile API's client code). */
function modelPathParameters(spec: RouteSpec): string[] {
  return pathParameters(CALLER[spec.product] ? spec.path : spec.prefix + spec.path);
}

/** The model function's parameters, in the order the route passes them. */
function modelParameters(spec: RouteSpec): Array<{ name: string; type: string; argument: string }> {
  const caller = CALLER[spec.product];
  return [
    { name: 'ctx', type: 'AppContext', argument: 'ctx' },
    ...(caller ? [{ name: caller.parameter, type: caller.type, argument: caller.argument }] : []),
    ...modelPathParameters(spec).map((param) => ({ name: param, type: 'string', argument: `request.params.${param}` })),
    ...(hasBody(spec) ? [{ name: 'body', type: 'Record<string, unknown>', argument: 'request.body' }] : []),
  ];
}

export function modelImports(spec: RouteSpec, paths: ModulePaths): Imported[] {
  const imports: Imported[] = [{ name: 'AppContext', from: paths.src('context.js'), type: true }];
  const caller = CALLER[spec.product];
  if (caller) imports.push({ name: caller.type, from: paths.src('gateway/types.js'), type: true });
  if (answers(spec)) imports.push({ name: 'Answer', from: paths.src('services/answer.js'), type: true });
  return imports;
}

export function modelSource(spec: RouteSpec): string {
  const parameters = modelParameters(spec)
    .map(({ name, type }) => `${name}: ${type}`)
    .join(', ');
  const returned = answers(spec) ? 'Answer' : 'unknown';
  const store = CALLER[spec.product] ? `ctx.store.collection(${CALLER[spec.product]!.parameter}.scope, '…')` : 'ctx.store';
  return [
    `/**`,
    ` * ${spec.method} ${spec.path}. TODO: what it answers, citing the document (seed / reference).`,
    ` * HTTP-free: read or change ${store}, return the body${answers(spec) ? ` as an Answer ({ status: ${spec.status}, body })` : ''},`,
    ` * and throw ApiError with the documented error body (errors.ts) for failures.`,
    ` */`,
    `export function ${spec.name}(${parameters}): ${returned} {`,
    `  throw new Error('${spec.name} is not written yet');`,
    `}`,
    '',
  ].join('\n');
}

export function routeLine(spec: RouteSpec): string {
  const args = modelParameters(spec)
    .map(({ argument }) => argument)
    .join(', ');
  const method = spec.method.toLowerCase();
  const options = `{ schema: ${schemaName(spec)} }`;
  return answers(spec)
    ? `app.${method}('${spec.path}', ${options}, (request, reply) => answer(reply, ${spec.name}(${args})));`
    : `app.${method}('${spec.path}', ${options}, (request) => ${spec.name}(${args}));`;
}

export function routeImports(spec: RouteSpec, paths: ModulePaths): Imported[] {
  const imports: Imported[] = [
    { name: 'ServicePlugin', from: paths.src('services/typed-routes.js'), type: true },
    { name: spec.name, from: './model.js' },
    { name: schemaName(spec), from: './schemas.js' },
  ];
  if (answers(spec)) imports.push({ name: 'answer', from: paths.src('services/answer.js') });
  return imports;
}

export function routesPluginSource(pluginName: string, title: string): string {
  return [`/** ${title}. */`, `export const ${pluginName}: ServicePlugin = async (app, { ctx }) => {`, '};', ''].join('\n');
}

/** The URL a test requests: the service's prefix and the route's path, parameters filled with the demo's or TODO values. */
export function testUrl(spec: RouteSpec): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is for the generated test's template literal.
  const demoValue = (param: string) => (param === 'tenant' || param === 'client' ? '${DEMO.tenant}' : `TODO-${param}`);
  return `${spec.prefix}${spec.path}`.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_all, param: string) => demoValue(param));
}

/** What a request of the product needs to pass its gateway, as test code (test/helpers.ts). */
function testHeaders(product: Product): { code: string | null; helpers: string[]; token: boolean } {
  switch (product) {
    case 'platform':
      return { code: 'platformHeaders(token)', helpers: ['platformHeaders'], token: true };
    case 'target':
      return { code: 'targetHeaders(token)', helpers: ['targetHeaders'], token: true };
    case 'stock':
      // biome-ignore lint/suspicious/noTemplateCurlyInString: code of the generated test.
      return { code: "{ 'x-api-key': DEMO.clientId, authorization: `Bearer ${token}` }", helpers: [], token: true };
    case 'profile':
    case 'ims':
      return { code: null, helpers: [], token: false };
  }
}

export function testSource(spec: RouteSpec, paths: ModulePaths): string {
  const url = testUrl(spec);
  const headers = testHeaders(spec.product);
  const helpers = ['startApp', ...(headers.token ? ['tokenFor'] : []), ...headers.helpers];
  if (url.includes('${DEMO.') || headers.code?.includes('DEMO.')) helpers.unshift('DEMO');
  const request = [
    `method: '${spec.method}'`,
    `url: \`${url}\``,
    ...(headers.code ? [`headers: ${headers.code}`] : []),
    ...(hasBody(spec) ? ['payload: {}'] : []),
  ].join(', ');
  return [
    `import { after, before, describe, test } from 'node:test';`,
    `import assert from 'node:assert/strict';`,
    `import { ${helpers.join(', ')}, type TestApp } from '${paths.helpers}';`,
    '',
    `describe('${spec.method} ${spec.prefix}${spec.path} (${spec.name})', () => {`,
    `  let t: TestApp;`,
    ...(headers.token ? [`  let token: string;`] : []),
    `  before(async () => {`,
    `    t = await startApp();`,
    ...(headers.token ? [`    token = await tokenFor(t);`] : []),
    `  });`,
    `  after(() => t.close());`,
    '',
    `  // TODO: the request of the document, the exact body it answers; then drop \`todo\` so a failure fails the suite.`,
    `  test('answers the documented body', { todo: 'write the request and the exact expected body' }, async () => {`,
    `    const response = await t.inject({ ${request} });`,
    `    assert.equal(response.statusCode, ${spec.status});`,
    `    assert.deepEqual(response.json(), {});`,
    `  });`,
    `});`,
    '',
  ].join('\n');
}
