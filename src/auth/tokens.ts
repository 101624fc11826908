import { randomUUID } from 'node:crypto';
import type { Clock } from '../store/clock.js';

/** IMS access tokens live 24 hours (seed 000: "Access tokens are only valid for 24 hours"). */
export const ACCESS_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Claims of an access token, modelled on what Adobe IMS puts in its tokens
 * (see the decoded sample of seed 004): timestamps are strings of epoch milliseconds.
 */
export interface AccessTokenClaims {
  id: string;
  type: 'access_token';
  client_id: string;
  user_id: string;
  /** The IMS org of the integration; null for tokens issued to unknown clients in permissive mode. */
  org: string | null;
  as: 'ims-na1';
  scope: string;
  created_at: string;
  expires_in: string;
}

export type TokenVerdict = { valid: true; claims: AccessTokenClaims } | { valid: false; reason: 'malformed' | 'signature' | 'expired' };

// jose is loaded on the first token operation: most of its import cost would otherwise be paid at startup.
let jose: Promise<typeof import('jose')> | null = null;
const loadJose = () => (jose ??= import('jose'));

const HEADER = { alg: 'HS256', typ: 'JWT', kid: 'ims_na1-key-at-1', x5u: 'ims_na1-key-at-1.cer' } as const;
const CACHE_LIMIT = 10_000;
const INVALID_SIGNATURE: TokenVerdict = Object.freeze({ valid: false, reason: 'signature' });
const EXPIRED: TokenVerdict = Object.freeze({ valid: false, reason: 'expired' });

/** A token whose signature is good: its verdict while valid (one object, answered each time) and when it expires. */
interface KnownToken {
  verdict: TokenVerdict & { valid: true };
  /** Epoch ms on the emulator's clock. */
  expiresAt: number;
}

/** Issues and verifies the emulator's signed access tokens against the emulator's clock. */
export class TokenService {
  private readonly secret: Uint8Array<ArrayBuffer>;
  /** The secret imported once as a WebCrypto key: given raw bytes, jose imports them again per call. */
  private key: Promise<CryptoKey> | null = null;
  /** Signature checks are cached per token: verification is the hot path of every request. */
  private readonly verified = new Map<string, KnownToken | null>();
  /** The token looked up last: clients send one token again and again, and comparing is cheaper than hashing it. */
  private lastToken = '';
  private lastKnown: KnownToken | null = null;

  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    this.secret = new TextEncoder().encode(secret);
  }

  private signingKey(): Promise<CryptoKey> {
    return (this.key ??= crypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  }

  async issue(input: { clientId: string; userId: string; org: string | null; scopes: string[] }): Promise<{
    token: string;
    claims: AccessTokenClaims;
  }> {
    const claims: AccessTokenClaims = {
      id: `${this.clock.now()}_${randomUUID()}_ue1`,
      type: 'access_token',
      client_id: input.clientId,
      user_id: input.userId,
      org: input.org,
      as: 'ims-na1',
      scope: input.scopes.join(','),
      created_at: String(this.clock.now()),
      expires_in: String(ACCESS_TOKEN_LIFETIME_MS),
    };
    const { SignJWT } = await loadJose();
    const token = await new SignJWT({ ...claims }).setProtectedHeader(HEADER).sign(await this.signingKey());
    return { token, claims };
  }

  async verify(token: string): Promise<TokenVerdict> {
    const seen = this.verifyKnown(token);
    if (seen !== undefined) return seen;
    const claims = await this.checkSignature(token);
    const known = claims === null ? null : { verdict: { valid: true as const, claims }, expiresAt: Number(claims.created_at) + Number(claims.expires_in) };
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, known);
    return this.verdictOf(known);
  }

  /**
   * The verdict on a token whose signature was already checked, without waiting; undefined for
   * one not seen yet (then `verify`). Expiry is judged now, on the emulator's clock.
   */
  verifyKnown(token: string): TokenVerdict | undefined {
    if (token === this.lastToken) return this.verdictOf(this.lastKnown);
    const known = this.verified.get(token);
    if (known === undefined) return undefined;
    this.lastToken = token;
    this.lastKnown = known;
    return this.verdictOf(known);
  }

  private verdictOf(known: KnownToken | null): TokenVerdict {
    if (known === null) return INVALID_SIGNATURE;
    return this.clock.now() >= known.expiresAt ? EXPIRED : known.verdict;
  }

  private async checkSignature(token: string): Promise<AccessTokenClaims | null> {
    const { jwtVerify, errors: joseErrors } = await loadJose();
    try {
      const { payload } = await jwtVerify(token, await this.signingKey(), { algorithms: ['HS256'] });
      if (payload.type !== 'access_token' || typeof payload.client_id !== 'string') return null;
      return payload as unknown as AccessTokenClaims;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }
}

/** Decodes a JWT's claims without verifying it; null when it is not a well-formed JWT. */
export function decodeClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
