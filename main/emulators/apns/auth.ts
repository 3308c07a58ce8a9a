import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ApnsEmulatorEnvironment, ApnsStore, KeyRecord } from './store';

/** An auth failure: the status and APNs reason to answer with. */
export interface AuthFailure {
  status: number;
  reason: string;
}

export interface VerifiedToken {
  key: KeyRecord;
  iat: number;
}

/** Per-connection token state: APNs tracks token changes and the team per HTTP/2 connection. */
export interface ConnectionAuth {
  token: string | null;
  tokenSince: number;
  teamId: string | null;
  /** Set once a request with valid auth succeeded: then the stream limit is raised. */
  opened: boolean;
}

export const MIN_TOKEN_CHANGE_MS = 20 * 60_000;
const MAX_TOKEN_AGE_S = 60 * 60;
/** Small allowance for clocks a little ahead before `iat` counts as "in the future". */
const FUTURE_SKEW_S = 60;

interface Parsed {
  kid: string;
  iss: string;
  iat: number;
  key: KeyRecord;
}

/**
 * Verifies provider tokens against registered keys. A verified token string is cached (bulk sends
 * reuse one token for thousands of requests), so the signature is checked once; the age and the
 * per-connection rules are checked on every request.
 */
export class JwtVerifier {
  readonly #cache = new Map<string, Parsed>();
  readonly #publicKeys = new Map<string, KeyObject>();
  readonly #store: ApnsStore;

  constructor(store: ApnsStore) {
    this.#store = store;
  }

  verify(
    authorization: string | undefined,
    environment: ApnsEmulatorEnvironment,
    connection: ConnectionAuth,
    nowMs: number,
    checks: { wireKeyEnvironmentSpelling: boolean; futureIssuedAt: boolean },
  ): VerifiedToken | AuthFailure {
    if (!authorization || !/^bearer\s+\S/i.test(authorization)) return { status: 403, reason: 'MissingProviderToken' };
    const token = authorization.replace(/^bearer\s+/i, '').trim();
    const parsed = this.#cache.get(token) ?? this.#check(token);
    if ('status' in parsed) return parsed;
    // A key replaced by a new registration makes older cached verifications stale.
    if (this.#store.keys.get(parsed.kid) !== parsed.key) {
      this.#cache.delete(token);
      return this.verify(authorization, environment, connection, nowMs, checks);
    }
    const now = Math.floor(nowMs / 1000);
    if (checks.futureIssuedAt && parsed.iat > now + FUTURE_SKEW_S)
      return { status: 403, reason: 'InvalidProviderToken' };
    if (now - parsed.iat > MAX_TOKEN_AGE_S) return { status: 403, reason: 'ExpiredProviderToken' };
    const key = parsed.key;
    if (key.environment !== 'both' && key.environment !== environment) {
      return {
        status: 403,
        reason: checks.wireKeyEnvironmentSpelling ? 'BadEnvironmentKeyInToken' : 'BadEnvironmentKeyIdInToken',
      };
    }
    if (connection.teamId !== null && connection.teamId !== key.teamId) {
      return { status: 403, reason: 'UnrelatedKeyIdInToken' };
    }
    if (connection.token !== token) {
      if (connection.token !== null && nowMs - connection.tokenSince < MIN_TOKEN_CHANGE_MS) {
        return { status: 429, reason: 'TooManyProviderTokenUpdates' };
      }
      connection.token = token;
      connection.tokenSince = nowMs;
      connection.teamId = key.teamId;
    }
    return { key, iat: parsed.iat };
  }

  #check(token: string): Parsed | AuthFailure {
    const invalid: AuthFailure = { status: 403, reason: 'InvalidProviderToken' };
    const parts = token.split('.');
    if (parts.length !== 3) return invalid;
    const header = decodeJson(parts[0]!);
    const claims = decodeJson(parts[1]!);
    if (!header || !claims) return invalid;
    if (header['alg'] !== 'ES256' || typeof header['kid'] !== 'string') return invalid;
    if (typeof claims['iss'] !== 'string' || typeof claims['iat'] !== 'number') return invalid;
    const key = this.#store.keys.get(header['kid']);
    if (!key || key.teamId !== claims['iss']) return invalid;
    const signature = Buffer.from(parts[2]!, 'base64url');
    // ES256 in JWS is the raw 64-byte r||s; a DER signature (what OpenSSL gives by default) is refused.
    if (signature.length !== 64) return invalid;
    let publicKey = this.#publicKeys.get(key.publicKeyPem);
    if (!publicKey) {
      publicKey = createPublicKey(key.publicKeyPem);
      this.#publicKeys.set(key.publicKeyPem, publicKey);
    }
    const ok = verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      signature,
    );
    if (!ok) return invalid;
    const parsed: Parsed = { kid: header['kid'], iss: claims['iss'], iat: claims['iat'], key };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(token, parsed);
    return parsed;
  }
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
