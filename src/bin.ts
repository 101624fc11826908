#!/usr/bin/env node
/**
 * The CLI's entry, bundled as dist/bin/cli.js: it turns on Node's module compile cache (Node 22.1
 * and later) before loading the CLI, so that from the second start on V8 reads the CLI's compiled
 * code from disk instead of parsing a megabyte of JavaScript again (about a tenth of the start-up).
 * The cache is Node's own: in the folder NODE_COMPILE_CACHE names, else <tmpdir>/node-compile-cache;
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off. Where it cannot be written, Node goes on without it.
 */
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./cli.js');
