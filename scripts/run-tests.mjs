#!/usr/bin/env node
// `npm test`'s runner: node --test over dist/test/**/*.test.js, the same on every supported Node.
// `node --test dist/test/` reads the folder as a module from Node 21 on, and Node 20 does not
// expand globs itself, so the files are listed here and passed explicitly.
//
//   node scripts/run-tests.mjs [node --test options] [test files]
// Options come after the defaults (so `--test-concurrency=1` wins); files, when given, replace the list:
//   npm test -- --test-concurrency=1 dist/test/docker/dockerfile.test.js
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = 'dist/test';
const DEFAULTS = ['--test', '--test-reporter=spec', '--test-concurrency=2'];

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? testFiles(join(dir, entry.name)) : entry.name.endsWith('.test.js') ? [join(dir, entry.name)] : []))
    .sort();
}

const args = process.argv.slice(2);
const isFile = (arg) => !arg.startsWith('-') && (/\.[cm]?js$/.test(arg) || existsSync(arg));
const given = args.filter(isFile);
const options = args.filter((arg) => !isFile(arg));
if (given.length === 0 && !existsSync(ROOT)) {
  console.error(`run-tests: ${ROOT} does not exist (npm run build first)`);
  process.exit(1);
}
const files = given.length > 0 ? given : testFiles(ROOT);
if (files.length === 0) {
  console.error(`run-tests: no *.test.js under ${ROOT}`);
  process.exit(1);
}
const child = spawn(process.execPath, [...DEFAULTS, ...options, ...files], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
