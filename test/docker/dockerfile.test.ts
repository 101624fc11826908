/**
 * The Docker image, checked without a Docker engine: the Dockerfile and .dockerignore are read
 * statically, then the build is replayed on the host (build context as .dockerignore leaves it, the
 * build stage's RUN steps, the runtime stage's COPY layout) and the image's CMD and HEALTHCHECK run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BuildContext,
  type CopySpec,
  type Dockerfile,
  type Stage,
  type StageState,
  type Step,
  commandArgv,
  containerPath,
  findStage,
  isWithin,
  parseCopy,
  parseDockerfile,
  stageState,
} from './dockerfile.js';

/** dist/test/docker/ → the repository root. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const HEALTH_PATH = '/_mock/health';
const ROOT_USERS = new Set(['root', '0', 'root:root', '0:0']);
/** Where the README's persistence command keeps the state: -e MOCK_DATA_FILE=/data/state.json -v adobe-mock-data:/data. */
const PERSISTENCE_DIR = '/data';
const PERSISTENCE_FILE = `${PERSISTENCE_DIR}/state.json`;

const dockerfile: Dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const context = new BuildContext(ROOT, existsSync(join(ROOT, '.dockerignore')) ? readFileSync(join(ROOT, '.dockerignore'), 'utf8') : '');
const finalStage: Stage = dockerfile.stages.at(-1)!;
const final: StageState = stageState(dockerfile, finalStage);

const copySteps = (state: StageState): { step: Step; copy: CopySpec }[] =>
  state.steps.filter((step) => step.instruction.keyword === 'COPY').map((step) => ({ step, copy: parseCopy(step.instruction.args, step.env) }));

/** The context-relative form of a COPY source (`./src/` → `src`, `.` → ``). */
const contextRelative = (source: string): string => posix.normalize(`/${source}`).slice(1).replace(/\/$/, '');

/** Container path of the CMD's script (`node dist/bin/cli.js` → /app/dist/bin/cli.js). */
function entryFile(): string {
  const cmd = final.cmd;
  assert.ok(cmd, 'the final stage has a CMD');
  assert.equal(basename(cmd[0]!), 'node', `CMD runs node: ${JSON.stringify(cmd)}`);
  const script = cmd.slice(1).find((arg) => !arg.startsWith('-'));
  assert.ok(script, `CMD names a script: ${JSON.stringify(cmd)}`);
  return containerPath(final.workdir, script);
}

/** The final stage's COPY --from=<stage> whose destination holds `file`, with where `file` comes from. */
function copiedFromStage(file: string): { stage: Stage; source: string; copy: CopySpec } | undefined {
  for (const { step, copy } of copySteps(final)) {
    if (copy.from === undefined || copy.sources.length !== 1) continue;
    const dest = containerPath(step.workdir, copy.dest);
    if (!isWithin(file, dest)) continue;
    const stage = findStage(dockerfile, copy.from, finalStage.index);
    if (!stage) continue;
    return { stage, source: posix.join(containerPath('/', copy.sources[0]!), posix.relative(dest, file)), copy };
  }
  return undefined;
}

describe('Dockerfile reader', () => {
  test('reads continuations, comments, stages, ENV forms, COPY --from and HEALTHCHECK', () => {
    const file = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'ARG BASE=node:20',
        'FROM ${BASE} AS Build',
        'WORKDIR /app',
        'ENV A=1 \\',
        '    # a comment inside a continuation',
        '    B="two words" \\',
        '    C=${A}x',
        'RUN npm ci \\',
        '  && echo done',
        '',
        'FROM build',
        'ENV LEGACY some value',
        'WORKDIR sub',
        'COPY --from=build --chown=node:node /app/dist ./dist',
        'COPY ["a b", "c", "./"]',
        'HEALTHCHECK --interval=5s CMD curl -f http://127.0.0.1/',
        'CMD ["node", "x.js"]',
      ].join('\n'),
    );
    assert.equal(file.preamble[0]?.keyword, 'ARG');
    assert.deepEqual(
      file.stages.map((stage) => [stage.name, stage.base]),
      [
        ['build', '${BASE}'],
        [undefined, 'build'],
      ],
    );
    const first = stageState(file, file.stages[0]!);
    assert.deepEqual(first.env, { A: '1', B: 'two words', C: '1x' });
    const run = first.steps.find((step) => step.instruction.keyword === 'RUN')!;
    assert.equal(run.instruction.args, 'npm ci   && echo done');
    assert.equal(run.instruction.line, 9);
    const second = stageState(file, file.stages[1]!);
    assert.equal(second.workdir, '/app/sub', 'WORKDIR continues from the parent stage');
    assert.equal(second.env.LEGACY, 'some value');
    assert.equal(second.env.A, '1', 'ENV is inherited from the parent stage');
    const [fromBuild, fromContext] = copySteps(second).map(({ copy }) => copy);
    assert.deepEqual([fromBuild!.from, fromBuild!.sources, fromBuild!.dest], ['build', ['/app/dist'], './dist']);
    assert.equal(fromBuild!.flags.chown, 'node:node');
    assert.deepEqual([fromContext!.from, fromContext!.sources, fromContext!.dest], [undefined, ['a b', 'c'], './']);
    assert.deepEqual(second.healthcheck, { options: { interval: '5s' }, argv: ['/bin/sh', '-c', 'curl -f http://127.0.0.1/'] });
    assert.deepEqual(second.cmd, ['node', 'x.js']);
    assert.equal(findStage(file, 'BUILD'), file.stages[0]);
  });
});

describe('Dockerfile (static)', () => {
  test('is multi-stage and the final stage runs as a non-root user', () => {
    assert.ok(dockerfile.stages.length >= 2, `expected at least two FROM, got ${dockerfile.stages.length}`);
    assert.ok(final.user, 'the final stage sets USER');
    assert.ok(!ROOT_USERS.has(final.user), `the final stage's USER is not root (got ${final.user})`);
  });

  test('the final stage exposes 4590, listens on 0.0.0.0:4590 and is in memory by default, with no VOLUME', () => {
    assert.ok(
      final.exposed.some((port) => port === '4590' || port === '4590/tcp'),
      `EXPOSE 4590 (got ${JSON.stringify(final.exposed)})`,
    );
    assert.equal(final.env.HOST, '0.0.0.0');
    assert.equal(final.env.PORT, '4590');
    // A fresh emulator on every start, like the CLI: persistence is opt-in (-e MOCK_DATA_FILE=... -v ...).
    assert.equal(final.env.MOCK_DATA_FILE, undefined, 'the image sets no MOCK_DATA_FILE');
    assert.deepEqual(final.volumes, [], 'no VOLUME: `docker run` leaves no anonymous volume behind');
  });

  test(`${PERSISTENCE_DIR} exists and belongs to the final stage's user, so a volume mounted there is writable`, () => {
    const prepared = final.steps.some(
      (step) =>
        step.instruction.keyword === 'RUN' &&
        new RegExp(`mkdir (-p )?${PERSISTENCE_DIR}\\b`).test(step.instruction.args) &&
        new RegExp(`chown ${final.user}(:${final.user})? ${PERSISTENCE_DIR}\\b`).test(step.instruction.args) &&
        (step.user === undefined || ROOT_USERS.has(step.user)),
    );
    assert.ok(prepared, `a RUN (as root, before USER) creates ${PERSISTENCE_DIR} and chowns it to ${final.user}`);
  });

  test('every stage is based on an LTS Node image that package.json engines supports', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    const minimum = /^>=\s*(\d+)/.exec(pkg.engines.node);
    assert.ok(minimum, `engines.node is ">=<major>" (got ${pkg.engines.node})`);
    for (const stage of dockerfile.stages) {
      if (findStage(dockerfile, stage.base, stage.index)) continue;
      const match = /^(?:docker\.io\/)?(?:library\/)?node:(\d+)-bookworm-slim$/.exec(stage.base);
      assert.ok(match, `FROM ${stage.base}: the official node:<major>-bookworm-slim image`);
      const major = Number(match[1]);
      assert.equal(major % 2, 0, `FROM ${stage.base}: an even (LTS) Node line`);
      assert.ok(major >= Number(minimum[1]), `FROM ${stage.base}: within engines ${pkg.engines.node}`);
    }
  });

  test('every COPY from the build context names files that exist and that .dockerignore lets through', async () => {
    let checked = 0;
    for (const stage of dockerfile.stages) {
      for (const { step, copy } of copySteps(stageState(dockerfile, stage))) {
        if (copy.from !== undefined) continue;
        for (const source of copy.sources) {
          const where = `line ${step.instruction.line}: COPY ${source}`;
          assert.ok(!/[*?[]/.test(source), `${where}: wildcards are not supported by this test`);
          const relative = contextRelative(source);
          const path = join(ROOT, relative);
          assert.ok(existsSync(path), `${where}: ${relative} exists in the repository`);
          if (statSync(path).isDirectory()) {
            const all = await context.files(relative, true);
            assert.ok(all.length > 0, `${where}: the folder is not empty`);
            const excluded = all.filter((file) => context.ignores(file));
            assert.deepEqual(excluded, [], `${where}: .dockerignore keeps these out of the build context`);
          } else {
            assert.ok(!context.ignores(relative), `${where}: .dockerignore keeps ${relative} out of the build context`);
          }
          checked++;
        }
      }
    }
    assert.ok(checked > 0, 'some COPY reads the build context');
  });

  test("the runtime stage copies the build stage's dist/ and CMD runs the compiled CLI from it", () => {
    const entry = entryFile();
    const origin = copiedFromStage(entry);
    assert.ok(origin, `${entry} comes from a COPY --from=<earlier stage>`);
    assert.notEqual(origin.stage, finalStage);
    const build = stageState(dockerfile, origin.stage);
    assert.equal(
      containerPath('/', origin.copy.sources[0]!),
      posix.join(build.workdir, 'dist'),
      `the runtime stage copies ${posix.join(build.workdir, 'dist')} from the build stage`,
    );
    assert.equal(origin.source, posix.join(build.workdir, 'dist/bin/cli.js'));
    // The same entry point the package itself declares.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.equal(posix.relative(final.workdir, entry), posix.normalize(Object.values(pkg.bin)[0]!));
    assert.ok(
      build.steps.some((step) => step.instruction.keyword === 'RUN' && /\btsc\b/.test(step.instruction.args)),
      'the build stage compiles with tsc',
    );
  });

  test(`the HEALTHCHECK probes ${HEALTH_PATH} on the loopback interface`, () => {
    const argv = final.healthcheck?.argv;
    assert.ok(argv, 'the final stage has a HEALTHCHECK with a command');
    const script = argv.join(' ');
    assert.match(script, /http:\/\/(127\.0\.0\.1|localhost)[:'"]/, 'it calls the loopback interface');
    const paths = [...script.matchAll(/(?:['"`]|:\d+)(\/[^'"`\s]*)['"`]/g)].map((match) => match[1]);
    assert.deepEqual(paths, [HEALTH_PATH], `the URL path is ${HEALTH_PATH}`);
    assert.match(script, /process\.exit\(\s*\w+\.ok \? 0 : 1\s*\)|\bcurl\b.*--fail|\bwget\b/, 'it fails unless the response is ok');
  });
});

// ---------------------------------------------------------------------------------------------------
// The replay.

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** The environment a container would start from: the host's, minus npm's lifecycle variables and the emulator's own settings. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^npm_/i.test(key) || /^MOCK_/.test(key)) continue;
    if (['INIT_CWD', 'NODE_ENV', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'PORT', 'HOST'].includes(key)) continue;
    env[key] = value;
  }
  return env;
}

/** A stage's ENV on top of the host's (PATH stays the host's: the image's directories mean nothing here). */
function withStageEnv(stageEnv: Record<string, string>, overrides: Record<string, string> = {}): Record<string, string> {
  const { PATH: _ignored, ...rest } = stageEnv;
  return { ...cleanEnv(), ...rest, ...overrides };
}

/** `node` in an exec form runs this very node binary. */
const hostArgv = (argv: string[]): string[] => (argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv);

function run(argv: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const [command, ...args] = hostArgv(argv);
    const child = spawn(command!, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, output });
    });
  });
}

/** The host folder standing in for a container path of a replayed stage's file system. */
const hostPath = (rootfs: string, path: string): string => join(rootfs, path);

/** RUN as the build runs it, but npm ci told to prefer the local cache and skip audit/fund (speed only). */
function replayedRun(args: string): string[] {
  const argv = commandArgv(args);
  if (argv[0] === '/bin/sh') return [...argv.slice(0, 2), argv[2]!.replace(/\bnpm ci\b/g, 'npm ci --prefer-offline --no-audit --no-fund')];
  return argv[0] === 'npm' && argv[1] === 'ci' ? [...argv, '--prefer-offline', '--no-audit', '--no-fund'] : argv;
}

/** COPY as Docker does it: a folder's contents go into the destination; files into it when it ends in / or there are several sources. */
async function applyCopy(copy: CopySpec, workdir: string, rootfs: string, sourceRoot: (source: string) => string): Promise<void> {
  const dest = containerPath(workdir, copy.dest);
  const intoFolder = copy.dest.endsWith('/') || copy.sources.length > 1;
  for (const source of copy.sources) {
    const from = sourceRoot(source);
    const info = await lstat(from);
    const to = info.isDirectory() || !intoFolder ? hostPath(rootfs, dest) : join(hostPath(rootfs, dest), basename(from));
    await mkdir(info.isDirectory() ? to : dirname(to), { recursive: true });
    // Symlinks (node_modules/.bin) stay as written, like in an image layer.
    await cp(from, to, { recursive: true, verbatimSymlinks: true, force: true });
  }
}

/** The stages the final one needs (FROM and COPY --from), in file order. */
function neededStages(): Stage[] {
  const needed = new Set<Stage>();
  const visit = (stage: Stage) => {
    const parent = findStage(dockerfile, stage.base, stage.index);
    if (parent) visit(parent);
    for (const { copy } of copySteps(stageState(dockerfile, stage))) {
      if (copy.from === undefined) continue;
      const from = findStage(dockerfile, copy.from, stage.index);
      assert.ok(from, `COPY --from=${copy.from} names an earlier stage (external images are not replayed)`);
      visit(from);
    }
    if (stage !== finalStage) needed.add(stage);
  };
  visit(finalStage);
  return [...needed].sort((a, b) => a.index - b.index);
}

async function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('Docker image (replayed without Docker)', () => {
  test('builds, starts, passes its HEALTHCHECK and shuts down cleanly on SIGTERM', { timeout: 240_000 }, async (t) => {
    const work = await mkdtemp(join(tmpdir(), 'adobe-api-mock-docker-'));
    let server: ReturnType<typeof spawn> | undefined;
    let serverOutput = '';
    try {
      // 1. The build context: only what .dockerignore lets through.
      const contextDir = join(work, 'context');
      const included = await context.includedFiles();
      for (const file of included) {
        await mkdir(dirname(join(contextDir, file)), { recursive: true });
        await cp(join(ROOT, file), join(contextDir, file), { verbatimSymlinks: true });
      }
      assert.ok(!included.some((file) => file.startsWith('node_modules/') || file.startsWith('dist/')), 'node_modules and dist stay out of the context');
      const fromContext = (source: string) => join(contextDir, contextRelative(source));

      // 2. The stages the runtime copies from, RUN steps in order.
      const rootfsOf = new Map<Stage, string>();
      for (const stage of neededStages()) {
        const rootfs = join(work, `stage-${stage.index}`);
        const parent = findStage(dockerfile, stage.base, stage.index);
        if (parent) await cp(rootfsOf.get(parent)!, rootfs, { recursive: true, verbatimSymlinks: true });
        await mkdir(rootfs, { recursive: true });
        rootfsOf.set(stage, rootfs);
        for (const step of stageState(dockerfile, stage).steps) {
          const { keyword, args, line } = step.instruction;
          await mkdir(hostPath(rootfs, step.workdir), { recursive: true });
          if (keyword === 'COPY') {
            const copy = parseCopy(args, step.env);
            const from = copy.from === undefined ? undefined : rootfsOf.get(findStage(dockerfile, copy.from, stage.index)!);
            await applyCopy(copy, step.workdir, rootfs, from ? (source) => hostPath(from, containerPath('/', source)) : fromContext);
          } else if (keyword === 'RUN') {
            const argv = replayedRun(args);
            const result = await run(argv, { cwd: hostPath(rootfs, step.workdir), env: withStageEnv(step.env), timeoutMs: 180_000 });
            assert.equal(result.code, 0, `line ${line}: RUN ${args} failed:\n${result.output}`);
          } else {
            assert.ok(keyword !== 'ADD', `line ${line}: ADD is not replayed; use COPY`);
          }
        }
      }

      // The CMD's script is compiled by the build stage, and the prune left only production dependencies.
      const entry = entryFile();
      const origin = copiedFromStage(entry);
      assert.ok(origin, `${entry} comes from an earlier stage`);
      const buildRoot = rootfsOf.get(origin.stage)!;
      assert.ok(existsSync(hostPath(buildRoot, origin.source)), `the build stage produces ${origin.source}`);

      // 3. The runtime stage's file system, from its COPY lines (its RUN steps only prepare /data, for persistence).
      const runtimeRoot = join(work, `stage-${finalStage.index}`);
      for (const step of final.steps) {
        const { keyword, args, line } = step.instruction;
        await mkdir(hostPath(runtimeRoot, step.workdir), { recursive: true });
        if (keyword === 'COPY') {
          const copy = parseCopy(args, step.env);
          const from = copy.from === undefined ? undefined : rootfsOf.get(findStage(dockerfile, copy.from, finalStage.index)!);
          await applyCopy(copy, step.workdir, runtimeRoot, from ? (source) => hostPath(from, containerPath('/', source)) : fromContext);
        } else if (keyword === 'RUN') {
          t.diagnostic(`runtime stage, line ${line}: RUN not replayed (${args})`);
        } else {
          assert.ok(keyword !== 'ADD', `line ${line}: ADD is not replayed; use COPY`);
        }
      }
      const app = hostPath(runtimeRoot, final.workdir);
      assert.ok(existsSync(hostPath(runtimeRoot, entry)), `the runtime stage has ${entry}`);
      assert.ok(existsSync(join(app, 'node_modules', 'fastify', 'package.json')), 'production dependencies are in the image');
      assert.ok(!existsSync(join(app, 'node_modules', 'typescript')), 'dev dependencies are pruned from the image');
      for (const folder of ['fixtures', 'openapi']) assert.ok(existsSync(join(app, folder)), `${folder}/ is in the image`);

      // 4. Run the CMD with the image's ENV: a port picked here, loopback, and persistence on as the README
      //    shows it (-e MOCK_DATA_FILE=/data/state.json), so the SIGTERM flush below can be checked.
      const port = await freePort();
      const dataFile = hostPath(runtimeRoot, PERSISTENCE_FILE);
      await mkdir(dirname(dataFile), { recursive: true });
      const env = withStageEnv(final.env, { PORT: String(port), HOST: '127.0.0.1', MOCK_DATA_FILE: dataFile });
      assert.equal(env.NODE_ENV, 'production');
      const [command, ...args] = hostArgv(final.cmd!);
      server = spawn(command!, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
      server.stdout!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
      server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
      const running = server;
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) =>
        running.on('exit', (code, signal) => resolvePromise({ code, signal })),
      );
      let hasExited = false;
      void exited.then(() => (hasExited = true));

      const deadline = Date.now() + 20_000;
      let health: { status?: string } | undefined;
      while (!health) {
        assert.ok(!hasExited, 'the server exited before it became healthy');
        assert.ok(Date.now() < deadline, `no healthy answer from ${HEALTH_PATH} within 20 s`);
        try {
          const response = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`, { signal: AbortSignal.timeout(1_000) });
          if (response.status === 200) health = (await response.json()) as { status?: string };
        } catch {
          // not listening yet
        }
        if (!health) await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(health.status, 'ok');

      // 5. The HEALTHCHECK command itself, pointed at the chosen port.
      const healthcheck = final.healthcheck!.argv!.map((arg) => arg.replaceAll(`:${final.env.PORT}`, `:${port}`));
      const healthy = await run(healthcheck, { cwd: app, env, timeoutMs: 15_000 });
      assert.equal(healthy.code, 0, `the HEALTHCHECK passes against the running server:\n${healthy.output}`);

      // 6. SIGTERM: a clean exit that leaves the data file behind.
      running.kill('SIGTERM');
      let stopTimer: NodeJS.Timeout | undefined;
      const stop = await Promise.race([exited, new Promise<'timeout'>((r) => (stopTimer = setTimeout(() => r('timeout'), 15_000)))]);
      clearTimeout(stopTimer);
      assert.notEqual(stop, 'timeout', 'the server exits within 15 s of SIGTERM');
      assert.deepEqual(stop, { code: 0, signal: null }, 'the server exits with code 0 on SIGTERM');
      assert.ok(existsSync(dataFile), `the data file ${PERSISTENCE_FILE} is written`);
      JSON.parse(await readFile(dataFile, 'utf8'));

      // And the HEALTHCHECK does fail when nothing answers.
      const unhealthy = await run(healthcheck, { cwd: app, env, timeoutMs: 15_000 });
      assert.notEqual(unhealthy.code, 0, 'the HEALTHCHECK fails once the server is gone');
    } catch (error) {
      if (serverOutput) t.diagnostic(`server output:\n${serverOutput}`);
      throw error;
    } finally {
      if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      await rm(work, { recursive: true, force: true });
    }
  });
});
