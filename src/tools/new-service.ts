/**
 * The service scaffold (CONTRIBUTING.md, "Add a service"):
 *
 *   npm run new:service -- <service> --product <product> --prefix <prefix>
 *   npm run new:service -- segmentation --product platform --prefix /data/core/ups
 *
 * writes src/services/<service>/service.ts (the service's declaration, with the scopes of its
 * product) and an empty routes.ts (`ServicePlugin`), lists the declaration in SERVICES
 * (src/services/registry.ts), and prints what is left: the routes (`npm run new:route`), the
 * collections, fixtures and documentation. The product must exist: a new product needs its
 * gateway first. `--root` points it at another checkout (its test does).
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  camel,
  FileWriter,
  FOLDER_NAME,
  PACKAGE_ROOT,
  readIfExists,
  runAsScript,
  ScaffoldError,
  type ScaffoldResult,
  servicesFolder,
  title,
} from './scaffold/files.js';
import { PRODUCTS, type Product, routesPluginSource } from './scaffold/templates.js';
import { ensureImport } from './scaffold/source-edits.js';

export const USAGE = `usage: npm run new:service -- <service> --product <${PRODUCTS.join('|')}> --prefix <real path prefix> [--root <dir>]
  e.g. npm run new:service -- segmentation --product platform --prefix /data/core/ups`;

export interface ServiceSpec {
  /** Folder under src/services, and the service's name. */
  service: string;
  product: Product;
  prefix: string;
}

/** A declared service of each product whose scopes a new service of that product shares. */
const PRODUCT_EXAMPLE: Record<Product, { folder: string; declaration: string }> = {
  platform: { folder: 'catalog', declaration: 'catalogService' },
  target: { folder: 'target-admin', declaration: 'targetAdminService' },
  profile: { folder: 'target-profile', declaration: 'targetProfileService' },
  stock: { folder: 'stock', declaration: 'stockService' },
  ims: { folder: 'ims', declaration: 'imsService' },
};

export function parseServiceCommandLine(argv: string[]): { spec: ServiceSpec; root: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { product: { type: 'string' }, prefix: { type: 'string' }, root: { type: 'string', default: PACKAGE_ROOT } },
  });
  if (positionals.length !== 1 || !values.product || !values.prefix) throw new ScaffoldError(USAGE);
  const [service] = positionals;
  const product = values.product as Product;
  if (!FOLDER_NAME.test(service)) throw new ScaffoldError(`"${service}" must be a lower-case folder name (letters, digits, hyphens)`);
  if (!PRODUCTS.includes(product)) {
    throw new ScaffoldError(`--product must be one of ${PRODUCTS.join(', ')}; a new product needs its gateway first (CONTRIBUTING.md, "Add a service")`);
  }
  if (!/^\/\S*[^/]$/.test(values.prefix)) throw new ScaffoldError(`--prefix "${values.prefix}" must start with / and not end with one`);
  return { spec: { service, product, prefix: values.prefix }, root: resolve(values.root) };
}

export const declarationName = (service: string) => `${camel(service)}Service`;

export function serviceSource(spec: ServiceSpec): string {
  const shared = PRODUCT_EXAMPLE[spec.product];
  const routes = `${camel(spec.service)}Routes`;
  return [
    `import type { ServiceDeclaration } from '../declaration.js';`,
    `import { ${shared.declaration} } from '../${shared.folder}/service.js';`,
    `import { ${routes} } from './routes.js';`,
    '',
    `/** ${title(spec.service)}. TODO: the API in one line, and the document it follows (seed / reference). */`,
    `export const ${declarationName(spec.service)}: ServiceDeclaration = {`,
    `  name: '${spec.service}',`,
    `  product: '${spec.product}',`,
    `  prefixes: ['${spec.prefix}'],`,
    `  routes: ${routes},`,
    `  // Its objects live in the scopes of its product.`,
    `  scopes: ${shared.declaration}.scopes,`,
    `  // TODO: each store collection it writes: { name, title, fixtures?, primary?, summary?, columns? }.`,
    `  collections: [],`,
    `  reset: { undeclared: false },`,
    `};`,
    '',
  ].join('\n');
}

const SERVICES_LIST = /^export const SERVICES\b[^=]*= \[\n([\s\S]*?)^\];/m;

/** The registry with the declaration imported and appended to SERVICES; null when SERVICES is not the plain list it expects. */
export function listInRegistry(registry: string, spec: ServiceSpec): string | null {
  const name = declarationName(spec.service);
  const list = SERVICES_LIST.exec(registry);
  if (!list) return null;
  const end = list.index + list[0].length - '];'.length;
  const listed = `${registry.slice(0, end)}  ${name},\n${registry.slice(end)}`;
  return ensureImport(listed, { name, from: `./${spec.service}/service.js` });
}

export async function scaffoldService(root: string, spec: ServiceSpec): Promise<ScaffoldResult> {
  const folder = servicesFolder(root, spec.service);
  if (existsSync(folder)) throw new ScaffoldError(`${relative(root, folder)} already exists`);
  const registryFile = servicesFolder(root, 'registry.ts');
  const registry = await readIfExists(registryFile);
  const listed = registry === null ? null : listInRegistry(registry, spec);

  const writer = new FileWriter(root);
  await writer.write(join(folder, 'service.ts'), serviceSource(spec), 'created');
  const routes = routesPluginSource(`${camel(spec.service)}Routes`, `${title(spec.service)} under ${spec.prefix}`);
  await writer.write(join(folder, 'routes.ts'), `import type { ServicePlugin } from '../typed-routes.js';\n\n${routes}`, 'created');
  if (listed !== null) await writer.write(registryFile, listed, 'changed');

  const next = [
    ...(listed === null ? [`List ${declarationName(spec.service)} in SERVICES (src/services/registry.ts).`] : []),
    `Add its routes one by one: npm run new:route -- ${spec.service}[/<resource>] <METHOD> <path> <name>`,
    `Declare its collections in ${relative(root, join(folder, 'service.ts'))} (titles, summaries, columns) and what a reset puts back.`,
    `Put the documents' sample objects in fixtures/${spec.service}.json, consistent with the other fixture files.`,
    `Describe it in docs/${spec.service}.md, and add it to the tables of README.md ("Where each API lives", "Reference") and ARCHITECTURE.md.`,
    'npm run openapi   (once it has routes)',
  ];
  return { changes: writer.changes, next };
}

await runAsScript(import.meta.url, async (argv) => {
  const { spec, root } = parseServiceCommandLine(argv);
  return scaffoldService(root, spec);
});
