/**
 * The peers `npm run bench` measures beside the emulator, as users would run them instead of it:
 * json-server (0.17, a JSON file as a REST API) and Prism (5.x, mocking Adobe's Target OpenAPI
 * description). Both are dev dependencies, started with `node <their bin script>` so that
 * stopping the child stops the server (no shell or npx wrapper in between).
 */
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_HOST, packageRoot } from './lib.js';

/** The JS file behind node_modules/.bin/<name>, or null when the package is not installed. */
export function binScript(name: string): string | null {
  const link = join(packageRoot, 'node_modules', '.bin', name);
  return existsSync(link) ? realpathSync(link) : null;
}

/** The vendored Target Admin OpenAPI description Prism mocks. */
export const TARGET_OPENAPI = join(packageRoot, 'test', 'contract', 'reference', 'target_api.json');

export interface PeerCommand {
  name: string;
  script: string;
  args: (port: number) => string[];
  cwd?: string;
  /** A path answering 200 once the server is up. */
  probe: string;
}

/** json-server serving `dbFile` (run from its folder: it looks for ./public and writes snapshots there). */
export function jsonServer(dbFile: string, folder: string): PeerCommand | null {
  const script = binScript('json-server');
  if (!script) return null;
  return { name: 'json-server', script, args: (port) => ['--port', String(port), '--host', BENCH_HOST, '--quiet', dbFile], cwd: folder, probe: '/activities' };
}

/** Prism mocking the Target description (static examples, logs at warn like the emulator). */
export function prism(): PeerCommand | null {
  const script = binScript('prism');
  if (!script || !existsSync(TARGET_OPENAPI)) return null;
  return { name: 'Prism', script, args: (port) => ['mock', '-h', BENCH_HOST, '-p', String(port), '-v', 'warn', TARGET_OPENAPI], probe: '/target/activities' };
}

/** What json-server serves: the same activities, offers and datasets the emulator holds. */
export interface PeerDb {
  activities: unknown[];
  offers: Array<{ id: number }>;
  dataSets: Array<{ id: string }>;
}

export function writePeerDb(file: string, db: PeerDb): void {
  writeFileSync(file, JSON.stringify(db));
}

type Get = (url: string, headers?: Record<string, string>) => Promise<{ status: number; body: string }>;

/**
 * Reads the db from an emulator through `get` (authenticated for the demo tenant and org):
 * the activities list, every offer summary (with the whole object for offer 391769, the one
 * measured by id) and every dataset (Catalog's id-keyed object turned into an array).
 */
export async function readPeerDb(get: Get, platformHeaders: Record<string, string>): Promise<PeerDb> {
  const json = async (url: string, headers?: Record<string, string>) => {
    const answer = await get(url, headers);
    if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    return JSON.parse(answer.body) as Record<string, unknown>;
  };
  const activities = (await json('/mocktenant/target/activities', { accept: 'application/vnd.adobe.target.v3+json' })).activities as unknown[];
  const offers: Array<{ id: number }> = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await json(`/mocktenant/target/offers?limit=100&offset=${offset}`)).offers as Array<{ id: number }>;
    offers.push(...page);
    if (page.length < 100) break;
  }
  const full = (await json('/mocktenant/target/offers/content/391769')) as unknown as { id: number };
  const index = offers.findIndex((offer) => offer.id === full.id);
  if (index >= 0) offers[index] = full;
  const dataSets = Object.entries(await json('/data/foundation/catalog/dataSets?limit=100', platformHeaders)).map(([id, value]) => ({
    id,
    ...(value as object),
  }));
  return { activities, offers, dataSets };
}
