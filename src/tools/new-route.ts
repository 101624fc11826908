/**
 * The endpoint scaffold (CONTRIBUTING.md, "Add an endpoint"):
 *
 *   npm run new:route -- <service>[/<resource>] <METHOD> <path> <name> [--status 201]
 *   npm run new:route -- target-admin/offers GET /offers/:id/usage getOfferUsage
 *
 * writes, in the project's conventions, the route's JSON Schema (schemas.ts), an HTTP-free model
 * function (model.ts), the route line in the service's `ServicePlugin` (routes.ts) — appending
 * to src/services/<service>[/<resource>]/ when the files exist, creating them otherwise — and a
 * test stub under test/services/, then prints what is left to do. A service the registry does not
 * know yet needs `--product` and `--prefix`. `--root` points it at another checkout (its test does).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  camel,
  FileWriter,
  FOLDER_NAME,
  importSpecifier,
  kebab,
  PACKAGE_ROOT,
  readIfExists,
  runAsScript,
  ScaffoldError,
  type ScaffoldResult,
  servicesFolder,
  title,
} from './scaffold/files.js';
import { addRouteLine, ensureImports, NotAServicePlugin } from './scaffold/source-edits.js';
import {
  METHODS,
  type Method,
  type ModulePaths,
  modelImports,
  modelSource,
  PRODUCTS,
  type Product,
  type RouteSpec,
  routeImports,
  routeLine,
  routesPluginSource,
  schemaSource,
  testSource,
} from './scaffold/templates.js';

export const USAGE = `usage: npm run new:route -- <service>[/<resource>] <METHOD> <path> <name> [--status <code>] [--product <product> --prefix <prefix>] [--root <dir>]
  e.g. npm run new:route -- target-admin/offers GET /offers/:id/usage getOfferUsage`;

/** Service folders registered under another name. */
const REGISTERED_AS: Record<string, string> = { schemas: 'schemaregistry' };

/** The product and first prefix of a registered service, as the registry declares it; null when unknown. */
export async function registeredService(service: string): Promise<{ product: Product; prefix: string } | null> {
  // Loaded at run time and read by shape: the scaffold works whatever else the registry holds.
  const registry = (await import('../services/registry.js')) as { SERVICES?: unknown };
  const entries = Array.isArray(registry.SERVICES) ? (registry.SERVICES as Array<Record<string, unknown>>) : [];
  const name = REGISTERED_AS[service] ?? service;
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry || !Array.isArray(entry.prefixes) || typeof entry.product !== 'string') return null;
  return { product: entry.product as Product, prefix: String(entry.prefixes[0]) };
}

/** Reads the command line into a route spec; throws ScaffoldError with what is wrong. */
export async function parseCommandLine(argv: string[]): Promise<{ spec: RouteSpec; root: string }> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      status: { type: 'string', default: '200' },
      product: { type: 'string' },
      prefix: { type: 'string' },
      root: { type: 'string', default: PACKAGE_ROOT },
    },
  });
  if (positionals.length !== 4) throw new ScaffoldError(USAGE);
  const [where, methodText, path, name] = positionals;
  const [service, resource = null, ...rest] = where.split('/');
  const method = methodText.toUpperCase() as Method;
  const status = Number(values.status);
  if (rest.length > 0 || !FOLDER_NAME.test(service) || (resource !== null && !FOLDER_NAME.test(resource))) {
    throw new ScaffoldError(`"${where}" is not <service>[/<resource>] (lower-case folder names)`);
  }
  if (!METHODS.includes(method)) throw new ScaffoldError(`METHOD must be one of ${METHODS.join(', ')}`);
  if (!path.startsWith('/')) throw new ScaffoldError(`the path "${path}" must start with / (it is relative to the service's prefix)`);
  if (!/^[a-z][A-Za-z0-9]*$/.test(name)) throw new ScaffoldError(`the name "${name}" must be a camelCase function name`);
  if (!Number.isInteger(status) || status < 200 || status > 299) throw new ScaffoldError('--status must be a 2xx code');

  const known = await registeredService(service);
  const product = (values.product ?? known?.product) as Product | undefined;
  const prefix = values.prefix ?? known?.prefix;
  if (!product || !prefix) {
    throw new ScaffoldError(
      `"${service}" is not a registered service: give --product (${PRODUCTS.join(', ')}) and --prefix (its real path prefix, e.g. /data/foundation/catalog)`,
    );
  }
  if (!PRODUCTS.includes(product)) throw new ScaffoldError(`--product must be one of ${PRODUCTS.join(', ')}`);
  return { spec: { service, resource, method, path, name, status, product, prefix }, root: resolve(values.root) };
}

const TAG = /(?:tags: |TAGS = )\['([^']+)'\]/;

/** The OpenAPI tag the service's routes already use (this file's first, else any of the service's), so the new route is listed with them. */
async function tagOf(schemas: string | null, root: string, spec: RouteSpec): Promise<string> {
  const own = schemas && TAG.exec(schemas);
  if (own) return own[1];
  const folder = servicesFolder(root, spec.service);
  const sources = existsSync(folder) ? await readdir(folder, { recursive: true }) : [];
  for (const file of sources.filter((name) => name.endsWith('.ts')).sort()) {
    const tag = TAG.exec(await readFile(join(folder, file), 'utf8'));
    if (tag) return tag[1];
  }
  return title(spec.resource ?? spec.service);
}

/** Writes the route's schema, model function, route line and test under `root`. */
export async function scaffoldRoute(root: string, spec: RouteSpec): Promise<ScaffoldResult> {
  const folder = servicesFolder(root, spec.service, ...(spec.resource ? [spec.resource] : []));
  const testFile = join(root, 'test', 'services', spec.service, `${spec.resource ? `${spec.resource}-` : ''}${kebab(spec.name)}.test.ts`);
  const paths: ModulePaths = {
    src: (module) => importSpecifier(folder, join(root, 'src', module)),
    helpers: importSpecifier(dirname(testFile), join(root, 'test', 'helpers.js')),
  };
  const files = { schemas: join(folder, 'schemas.ts'), model: join(folder, 'model.ts'), routes: join(folder, 'routes.ts') };
  const [schemas, model, routes] = await Promise.all([readIfExists(files.schemas), readIfExists(files.model), readIfExists(files.routes)]);

  const taken = (source: string | null, what: string) => source !== null && new RegExp(`export (?:const|function) ${what}\\b`).test(source);
  if (taken(schemas, `${spec.name}Schema`) || taken(model, spec.name)) throw new ScaffoldError(`${spec.name} already exists in ${relative(root, folder)}`);
  if (existsSync(testFile)) throw new ScaffoldError(`${relative(root, testFile)} already exists`);

  const pluginName = `${camel(spec.resource ?? spec.service)}Routes`;
  let routesSource: { source: string; plugin: string };
  try {
    const base = routes ?? routesPluginSource(pluginName, `${title(spec.service)}${spec.resource ? `: ${spec.resource}` : ''} routes`);
    routesSource = addRouteLine(ensureImports(base, routeImports(spec, paths)), routeLine(spec));
  } catch (error) {
    if (!(error instanceof NotAServicePlugin)) throw error;
    throw new ScaffoldError(
      `${relative(root, files.routes)} cannot take the route: ${error.message}. Convert it, or add this line by hand:\n  ${routeLine(spec)}`,
    );
  }

  const writer = new FileWriter(root);
  const append = (existing: string | null, addition: string) => (existing === null ? addition : `${existing.trimEnd()}\n\n${addition}`);
  const action = (existing: string | null) => (existing === null ? 'created' : 'appended');

  await writer.write(files.schemas, append(schemas, schemaSource(spec, await tagOf(schemas, root, spec))), action(schemas));
  await writer.write(files.model, ensureImports(append(model, modelSource(spec)), modelImports(spec, paths)), action(model));
  await writer.write(files.routes, routesSource.source, action(routes));
  await writer.write(testFile, testSource(spec, paths), 'created');

  const next = [
    `Write ${spec.name} in ${relative(root, files.model)}: no HTTP in it; return the documented body, throw ApiError with the documented error body (the service's errors.ts) for failures.`,
    `Complete ${spec.name}Schema in ${relative(root, files.schemas)} (summary, querystring/body/response as documented), keeping it \`as const\`.`,
  ];
  if (routes === null) next.push(await registrationStep(root, spec, routesSource.plugin));
  next.push(
    `Fill ${relative(root, testFile)}: the documented request, the exact expected body; then drop its \`todo\`.`,
    `npm run build && node --test dist/${relative(root, testFile).replace(/\.ts$/, '.js')}`,
    `Give the OpenAPI document its example: a call in RECORDINGS (src/tools/example-recordings.ts), { operation: '${operationName(spec)}', url: … }, unless an Adobe reference has one.`,
    'npm run openapi   (regenerates the examples, openapi/openapi.json and test/client/openapi-types.ts; test/openapi.test.ts fails until you do)',
    "Describe the route in the service's docs/ page (and README.md when it is part of a walkthrough).",
  );
  return { changes: writer.changes, next };
}

/** `GET /{tenant}/target/offers/{id}`: the operation as the OpenAPI document names it. */
export function operationName(spec: RouteSpec): string {
  return `${spec.method} ${`${spec.prefix}${spec.path}`.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')}`;
}

/** Where a newly created routes plugin has to be registered, said as the step to take. */
async function registrationStep(root: string, spec: RouteSpec, plugin: string): Promise<string> {
  const serviceRoutes = join('src', 'services', spec.service, 'routes.ts');
  if (spec.resource === null) {
    return `Declare the service in src/services/${spec.service}/service.ts (routes: ${plugin}) and list it in SERVICES (src/services/registry.ts); see CONTRIBUTING.md, "Add a service".`;
  }
  const imported = `import { ${plugin} } from './${spec.resource}/routes.js';`;
  const source = await readIfExists(join(root, serviceRoutes));
  if (source?.includes('const RESOURCES')) return `Add ${plugin} to RESOURCES in ${serviceRoutes} (${imported}).`;
  return `Register ${plugin} in ${serviceRoutes}: await app.register(${plugin}, { ctx }); (${imported})`;
}

await runAsScript(import.meta.url, async (argv) => {
  const { spec, root } = await parseCommandLine(argv);
  return scaffoldRoute(root, spec);
});
