/**
 * node:http through `require` rather than `import`: importing it makes Node build its ES module
 * facade, which reads every export, and from Node 22 on node:http's lazy WebSocket exports then
 * load undici, tens of milliseconds of start-up for nothing. (The CLI bundle does the same for
 * every builtin: src/bundle-cli.mjs.)
 */
import { createRequire } from 'node:module';

export const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');
