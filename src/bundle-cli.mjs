/**
 * Bundles the CLI (dist/src/bin.js and cli.js, compiled by tsc) into dist/bin/cli.js with esbuild: the
 * emulator's own modules and the packages every start loads (Fastify with what it requires, the
 * CORS plugin, nanoid) in one file, code-split so that what loads on demand (persistence, the API
 * docs) stays in chunks of its own. Both choices are about start-up time (ARCHITECTURE.md, "Start-up
 * stays fast"):
 *
 * - Fastify's hundred-odd CommonJS files cost more to find in node_modules, read and wrap one by
 *   one than to compile from one file.
 * - Node's built-in modules are reached through `require`, not `import`: importing one makes Node
 *   build its ES module facade, which reads every export, and on Node 22 and later node:http's
 *   lazy WebSocket exports then load undici, a third of the time to the first answer.
 *
 * The other dependencies load only when some request needs them (ajv, jose, hyparquet, the Swagger
 * plugins, lowdb...): they stay external, loaded from node_modules like any package.
 *
 * Run by `npm run bundle` (after tsc). Beside the sources, like dashboard/build-client.mjs, because
 * the Docker build copies src/ and runs `npm run bundle`.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The dependencies the CLI loads on every start: bundled. */
const STARTUP_PACKAGES = new Set(['fastify', 'nanoid']);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const onDemand = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})].filter((name) => !STARTUP_PACKAGES.has(name));

/** `import … from 'node:x'` becomes a CommonJS module that requires it (see above). */
const builtinsThroughRequire = {
  name: 'builtins-through-require',
  setup(bundler) {
    bundler.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined));
    bundler.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

const OUT = join(ROOT, 'dist', 'bin');
// Chunk names change with their content: no chunk of an earlier build may stay behind.
await rm(OUT, { recursive: true, force: true });
await build({
  entryPoints: { cli: join(ROOT, 'dist', 'src', 'bin.js') },
  absWorkingDir: ROOT,
  outdir: OUT,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  external: onDemand,
  plugins: [builtinsThroughRequire],
  // The bundled CommonJS code calls `require`, which an ES module does not have.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
