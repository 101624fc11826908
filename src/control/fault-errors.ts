import type { AppContext } from '../context.js';
import { PLATFORM_ERRORS } from '../gateway/platform.js';
import { unsupportedFeature } from '../gateway/target.js';

/** A documented error a fault can answer with, by name (`"error": "api-key-invalid"`). */
export interface NamedError {
  status: number;
  body(ctx: AppContext): unknown;
}

/** camelCase → kebab-case: `oauthTokenMissing` → `oauth-token-missing`. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The documented errors, each taken from the one place its body lives: the Adobe I/O gateway's
 * header errors (seed 000; Stock's 403003 of seed 003 is `api-key-invalid`) and Target's
 * "unsupported features" answer (seeds 002 and 004), whose requestId and requestTime are fresh
 * for every answer.
 */
export const NAMED_ERRORS: ReadonlyMap<string, NamedError> = new Map<string, NamedError>([
  ...Object.entries(PLATFORM_ERRORS).map(([name, { status, body }]): [string, NamedError] => [kebab(name), { status, body: () => body }]),
  [
    'unsupported-feature',
    {
      status: 406,
      body: (ctx) => unsupportedFeature(ctx.clock).body,
    },
  ],
]);

export const NAMED_ERROR_NAMES = [...NAMED_ERRORS.keys()];
