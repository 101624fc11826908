import { ASSET_PREFIX } from '../dashboard/assets.js';

/**
 * The emulator's own pages and API: /_mock/**, /docs**, /openapi.json and the dashboard (`/`,
 * /_dashboard/**, /favicon.ico). They are never journaled (the dashboard polls) and faults never
 * apply to them (a fault must not lock the control plane out).
 */
export function isEmulatorOwn(url: string): boolean {
  if (url === '/' || url.startsWith('/?')) return true;
  const first = url.charCodeAt(1);
  // '_' (95), 'd' (100), 'o' (111), 'f' (102): a cheap first test, most product paths fail it.
  if (first !== 95 && first !== 100 && first !== 111 && first !== 102) return false;
  return (
    startsWithSegment(url, '/_mock') ||
    startsWithSegment(url, '/_dashboard') ||
    startsWithSegment(url, '/docs') ||
    startsWithSegment(url, '/openapi.json') ||
    startsWithSegment(url, '/favicon.ico')
  );
}

/** `url` is `prefix` itself or continues it with `/` or a query string. */
export function startsWithSegment(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) return false;
  const next = url.charCodeAt(prefix.length);
  return Number.isNaN(next) || next === 47 /* / */ || next === 63 /* ? */;
}

const HEALTH = '/_mock/health';

/** A path (route pattern or URL path) of the control plane, /_mock/health excepted. */
export function isControlPath(path: string): boolean {
  if (startsWithSegment(path, HEALTH)) return false;
  return path === '/' || path.startsWith('/?') || startsWithSegment(path, '/_mock') || startsWithSegment(path, ASSET_PREFIX);
}

/**
 * A URL without %-escapes whose path is not a control path cannot reach a control route either
 * (their patterns start with a literal control prefix), so pathOf would not make it one.
 */
export function surelyNotControl(url: string): boolean {
  if (url.includes('%')) return false;
  return !isControlPath(urlPath(url));
}

/** A request URL without its query string. */
export function urlPath(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt < 0 ? url : url.slice(0, queryAt);
}
