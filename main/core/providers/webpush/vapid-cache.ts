import { createHash, type KeyObject } from 'node:crypto';
import type { VapidSecret } from '../../credentials/vapid';
import { signVapidJwt, vapidPrivateKeyObject, type VapidClaims } from './vapid';

export interface VapidToken {
  token: string;
  claims: VapidClaims;
  issuedAt: number;
  reused: boolean;
}

interface Entry {
  token: string;
  claims: VapidClaims;
  issuedAt: number;
}

/**
 * Signed VAPID JWTs per credential and push-service origin. Apple asks for a new JWT no more
 * than once an hour, and every service accepts one until it expires, so a token is reused until
 * half its lifetime has passed (then re-signed, well before `exp`).
 */
export class VapidTokenCache {
  readonly #tokens = new Map<string, Entry>();
  readonly #keys = new Map<string, KeyObject>();
  readonly #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  get(credentialId: string, secret: VapidSecret, audience: string, lifetimeSeconds: number): VapidToken {
    const fingerprint = createHash('sha256')
      .update(`${secret.publicKey}\n${secret.privateKey}\n${secret.subject}`)
      .digest('base64url');
    const key = `${credentialId}\n${fingerprint}\n${audience}\n${lifetimeSeconds}`;
    const nowSeconds = Math.floor(this.#now() / 1000);
    const cached = this.#tokens.get(key);
    if (cached && cached.claims.exp - nowSeconds > lifetimeSeconds / 2) {
      return { ...cached, reused: true };
    }
    let signingKey = this.#keys.get(fingerprint);
    if (!signingKey) {
      signingKey = vapidPrivateKeyObject(secret);
      this.#keys.set(fingerprint, signingKey);
    }
    const claims: VapidClaims = { aud: audience, exp: nowSeconds + lifetimeSeconds };
    if (secret.subject) claims.sub = secret.subject;
    const entry: Entry = { token: signVapidJwt(claims, signingKey), claims, issuedAt: nowSeconds };
    this.#tokens.set(key, entry);
    return { ...entry, reused: false };
  }

  clear(): void {
    this.#tokens.clear();
    this.#keys.clear();
  }
}
