/**
 * The baseline for bench/target-activities.ts: a bare Fastify server with one GET route (ROUTE)
 * answering the JSON document in BODY_FILE (parsed once, serialized per request, as the emulator
 * serializes its objects), started like the emulator's CLI (same node binary, compiled JS,
 * PORT/HOST/MOCK_LOG_LEVEL from the environment, graceful close on SIGTERM). No auth, no gateway.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { serveUntilSignalled } from './bare-serve.js';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const level = process.env.MOCK_LOG_LEVEL ?? 'warn';
const route = process.env.ROUTE ?? '/';
const body: unknown = JSON.parse(readFileSync(process.env.BODY_FILE ?? '', 'utf8'));

const app = Fastify({ logger: { level } });
app.get(route, async () => body);

serveUntilSignalled(app, port, host);
