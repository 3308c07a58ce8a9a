import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { ApnsTokenSecret } from '../../credentials/apns-p8';

/** Apple: refresh no more than once per 20 minutes and no less than once per 60. */
export const JWT_MIN_AGE_MS = 20 * 60_000;
export const JWT_MAX_AGE_MS = 60 * 60_000;
/** We refresh at 40 minutes: well inside both bounds, even with a few minutes of clock skew. */
export const JWT_REFRESH_AGE_MS = 40 * 60_000;

export interface ApnsJwt {
  token: string;
  /** Seconds since epoch, as in the claim. */
  iat: number;
  keyId: string;
  teamId: string;
  /**
   * The authorization header, built once per token: a token serves about an hour of sends, and
   * each new string is flattened and hashed again on its way to nghttp2 and the exchange recorder.
   */
  authorization: string;
  /** The exchange notes naming the token's claims, also built once per token. */
  notes: Record<string, unknown>;
}

export function bearerHeader(token: string): string {
  return `bearer ${token}`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** ES256 JWT `{alg, kid}.{iss, iat}`; APNs wants the raw r||s signature, not DER. */
export function signApnsJwt(key: KeyObject | string, keyId: string, teamId: string, iat: number): string {
  const input = `${base64url({ alg: 'ES256', kid: keyId })}.${base64url({ iss: teamId, iat })}`;
  const privateKey = typeof key === 'string' ? createPrivateKey(key) : key;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

interface Entry extends ApnsJwt {
  issuedAtMs: number;
}

/**
 * Provider JWTs per credential. One token is reused for every send until it is 40 minutes old,
 * so a connection never sees a new token more often than every 20 minutes (which APNs punishes
 * with 429 TooManyProviderTokenUpdates) and never an hour-old one (403 ExpiredProviderToken).
 */
function fresh(entry: Entry, now: number): boolean {
  return now - entry.issuedAtMs < JWT_REFRESH_AGE_MS && now >= entry.issuedAtMs;
}

export class ApnsJwtCache {
  readonly #entries = new Map<string, Entry>();
  readonly #keys = new Map<string, KeyObject>();
  readonly #now: () => number;
  #last: { credentialId: string; entry: Entry } | null = null;
  /** How many tokens were signed, for tests and diagnostics. */
  signed = 0;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  get(credentialId: string, secret: ApnsTokenSecret): ApnsJwt {
    const now = this.#now();
    // A bulk send asks for the same token for every target: no key string to build and hash.
    const last = this.#last;
    if (
      last !== null &&
      last.credentialId === credentialId &&
      last.entry.keyId === secret.keyId &&
      last.entry.teamId === secret.teamId &&
      fresh(last.entry, now)
    )
      return last.entry;
    const cacheKey = `${credentialId}\u0000${secret.keyId}\u0000${secret.teamId}`;
    const cached = this.#entries.get(cacheKey);
    if (cached && fresh(cached, now)) {
      this.#last = { credentialId, entry: cached };
      return cached;
    }
    let key = this.#keys.get(cacheKey);
    if (!key) {
      key = createPrivateKey(secret.keyPem);
      this.#keys.set(cacheKey, key);
    }
    const iat = Math.floor(now / 1000);
    const token = signApnsJwt(key, secret.keyId, secret.teamId, iat);
    const entry: Entry = {
      token,
      iat,
      keyId: secret.keyId,
      teamId: secret.teamId,
      authorization: bearerHeader(token),
      notes: { jwt: { kid: secret.keyId, iss: secret.teamId, iat } },
      issuedAtMs: now,
    };
    this.signed += 1;
    this.#entries.set(cacheKey, entry);
    this.#last = { credentialId, entry };
    return entry;
  }

  /** Drops a credential's token after APNs called it expired or invalid, so the next send signs anew. */
  invalidate(credentialId: string): void {
    if (this.#last?.credentialId === credentialId) this.#last = null;
    for (const key of [...this.#entries.keys()]) {
      if (key.startsWith(`${credentialId}\u0000`)) this.#entries.delete(key);
    }
  }

  clear(): void {
    this.#last = null;
    this.#entries.clear();
    this.#keys.clear();
  }
}
