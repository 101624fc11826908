/**
 * The scaffolds (src/tools/new-route.ts, new-service.ts) run into a temporary copy of src/: the
 * files they create, then append to, compile with the project's tsconfig, and they say what to
 * do next.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { addRouteLine, ensureImport, NotAServicePlugin } from '../../src/tools/scaffold/source-edits.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TOOLS = join(ROOT, 'dist', 'src', 'tools');

async function runTool(tool: string, copy: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(TOOLS, tool), '--root', copy, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const scaffold = (copy: string, ...args: string[]) => runTool('new-route.js', copy, args);
const scaffoldService = (copy: string, ...args: string[]) => runTool('new-service.js', copy, args);

/** tsc's report on `files` of the copy (and everything they import): empty when they compile. */
async function typeErrors(copy: string, files: string[]): Promise<string> {
  await writeFile(join(copy, 'tsconfig.check.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, include: files }));
  const tsc = await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(copy, 'tsconfig.check.json')]).catch((error: { stdout: string }) => error);
  return tsc.stdout;
}

describe('npm run new:route / new:service', () => {
  let copy: string;
  before(async () => {
    copy = await mkdtemp(join(tmpdir(), 'new-route-'));
    await cp(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
    await cp(join(ROOT, 'test', 'helpers.ts'), join(copy, 'test', 'helpers.ts'));
    await cp(join(ROOT, 'tsconfig.json'), join(copy, 'tsconfig.json'));
    // "type": "module": the copy compiles as ESM, like the project.
    await cp(join(ROOT, 'package.json'), join(copy, 'package.json'));
    await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });
  after(() => rm(copy, { recursive: true, force: true }));

  test('creates a resource, appends to it and to an existing one, and the result compiles', async () => {
    const first = await scaffold(copy, 'catalog/widgets', 'GET', '/widgets/:id', 'getWidget');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^created {2}src\/services\/catalog\/widgets\/schemas\.ts$/m);
    assert.match(first.stdout, /^created {2}test\/services\/catalog\/widgets-get-widget\.test\.ts$/m);
    assert.match(first.stdout, /Register widgetsRoutes in src\/services\/catalog\/routes\.ts: await app\.register\(widgetsRoutes, \{ ctx \}\);/);
    assert.match(first.stdout, /RECORDINGS \(src\/tools\/example-recordings\.ts\), \{ operation: 'GET \/data\/foundation\/catalog\/widgets\/\{id\}'/);
    assert.match(first.stdout, /npm run openapi/);

    const second = await scaffold(copy, 'catalog/widgets', 'POST', '/widgets', 'createWidget', '--status', '201');
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^appended src\/services\/catalog\/widgets\/routes\.ts$/m);
    assert.doesNotMatch(second.stdout, /Register widgetsRoutes/);

    const routes = await readFile(join(copy, 'src/services/catalog/widgets/routes.ts'), 'utf8');
    assert.match(routes, /import \{ getWidget, createWidget \} from '\.\/model\.js';/);
    assert.match(
      routes,
      /app\.get\('\/widgets\/:id', \{ schema: getWidgetSchema \}, \(request\) => getWidget\(ctx, request\.platform!, request\.params\.id\)\);/,
    );
    assert.match(routes, /\(request, reply\) => answer\(reply, createWidget\(ctx, request\.platform!, request\.body\)\)/);
    const model = await readFile(join(copy, 'src/services/catalog/widgets/model.ts'), 'utf8');
    assert.match(model, /^import type \{ Answer \} from '\.\.\/\.\.\/answer\.js';$/m);

    // Into a resource of the project as it is: its tag, the prefix's {tenant} among the params.
    const existing = await scaffold(copy, 'target-admin/properties', 'DELETE', '/properties/:id', 'deleteProperty');
    assert.equal(existing.code, 0, existing.stderr);
    assert.match(existing.stdout, /^appended src\/services\/target-admin\/properties\/routes\.ts$/m);
    const propertySchemas = await readFile(join(copy, 'src/services/target-admin/properties/schemas.ts'), 'utf8');
    assert.match(propertySchemas, /export const deletePropertySchema = \{\n {2}tags: \['Target Admin'\],/);
    assert.match(propertySchemas, /properties: \{ tenant: \{ type: 'string' \}, id: \{ type: 'string' \} \}, required: \['tenant', 'id'\]/);

    const generated = [
      'src/services/target-admin/properties/routes.ts',
      'test/services/target-admin/properties-delete-property.test.ts',
      'src/services/catalog/widgets/schemas.ts',
      'src/services/catalog/widgets/model.ts',
      'src/services/catalog/widgets/routes.ts',
      'test/services/catalog/widgets-get-widget.test.ts',
      'test/services/catalog/widgets-create-widget.test.ts',
    ];
    assert.equal(await typeErrors(copy, generated), '', 'tsc reports nothing');
  });

  test('refuses an existing name and a service it does not know, saying what to give', async () => {
    const again = await scaffold(copy, 'catalog/widgets', 'GET', '/widgets/:id', 'getWidget');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /getWidget already exists/);
    const unknown = await scaffold(copy, 'analytics', 'GET', '/reports', 'listReports');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /give --product .* and --prefix/);
  });

  test('new:service declares a service and lists it; new:route then adds its first route; all of it compiles', async () => {
    const created = await scaffoldService(copy, 'segmentation', '--product', 'platform', '--prefix', '/data/core/ups');
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^created {2}src\/services\/segmentation\/service\.ts$/m);
    assert.match(created.stdout, /^changed {2}src\/services\/registry\.ts$/m);
    assert.match(created.stdout, /npm run new:route -- segmentation/);
    const registry = await readFile(join(copy, 'src/services/registry.ts'), 'utf8');
    assert.match(registry, /^import \{ segmentationService \} from '\.\/segmentation\/service\.js';$/m);
    assert.match(registry, /^ {2}segmentationService,\n\];$/m);

    const route = await scaffold(copy, 'segmentation', 'GET', '/audiences/:id', 'getAudience', '--product', 'platform', '--prefix', '/data/core/ups');
    assert.equal(route.code, 0, route.stderr);
    assert.match(route.stdout, /^appended src\/services\/segmentation\/routes\.ts$/m);
    const files = [
      'src/services/registry.ts',
      'src/services/segmentation/service.ts',
      'src/services/segmentation/routes.ts',
      'test/services/segmentation/get-audience.test.ts',
    ];
    assert.equal(await typeErrors(copy, files), '', 'tsc reports nothing');

    const again = await scaffoldService(copy, 'segmentation', '--product', 'platform', '--prefix', '/data/core/ups');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /src\/services\/segmentation already exists/);
    const unknownProduct = await scaffoldService(copy, 'analytics', '--product', 'analytics', '--prefix', '/api');
    assert.match(unknownProduct.stderr, /a new product needs its gateway first/);
  });
});

describe('scaffold source edits', () => {
  test('ensureImport merges into the import of the same module, or adds one after the last import', () => {
    const source = "import { a } from './model.js';\nimport type { T } from './types.js';\n\nconst x = 1;\n";
    assert.equal(
      ensureImport(source, { name: 'b', from: './model.js' }),
      "import { a, b } from './model.js';\nimport type { T } from './types.js';\n\nconst x = 1;\n",
    );
    assert.equal(ensureImport(source, { name: 'U', from: './model.js', type: true }).split('\n')[0], "import { a, type U } from './model.js';");
    assert.equal(ensureImport(source, { name: 'a', from: './model.js' }), source, 'already imported');
    assert.equal(
      ensureImport(source, { name: 'v', from: './types.js' }).split('\n').slice(0, 3).join('\n'),
      "import { a } from './model.js';\nimport type { T } from './types.js';\nimport { v } from './types.js';",
      'a value does not join an import type',
    );
  });

  test('addRouteLine appends inside the ServicePlugin and refuses other plugins', () => {
    const plugin = "export const xRoutes: ServicePlugin = async (app, { ctx }) => {\n  app.get('/a', handler);\n};\n";
    assert.equal(
      addRouteLine(plugin, "app.get('/b', other);").source,
      "export const xRoutes: ServicePlugin = async (app, { ctx }) => {\n  app.get('/a', handler);\n  app.get('/b', other);\n};\n",
    );
    assert.throws(() => addRouteLine('export const y: FastifyPluginAsync = async (app) => {\n};\n', 'x'), NotAServicePlugin);
  });
});
