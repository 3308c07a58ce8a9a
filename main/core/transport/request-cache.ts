import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { OriginInfo } from './connect';
import type { TlsOptions } from './types';

// Paths made of these characters are sent as written; anything else goes through URL for escaping.
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

export interface RequestTarget {
  origin: OriginInfo;
  /** Path and query, escaped as URL would. */
  path: string;
}

/**
 * What one transport remembers between requests. A bulk send hits the same origin thousands of
 * times with different paths and the same headers and TLS identity, so each of those is worked
 * out once per transport rather than once per request.
 */
export class RequestCache {
  readonly #origins = new Map<string, OriginInfo>();
  readonly #lowerNames = new Map<string, string>();
  readonly #identityKeys = new WeakMap<TlsOptions, string>();
  // Callers often build a fresh TlsOptions per request around the same strings (one CA PEM for a
  // whole bulk send); those strings key a second cache so the PEM is hashed once, not per request.
  readonly #plainCaKeys = new Map<string, string>();

  /** The origin part is parsed once and cached; WHATWG URL parsing only for the first request or odd paths. */
  target(url: string): RequestTarget {
    const slash = url.indexOf('/', url.indexOf('//') + 2);
    const prefix = slash < 0 ? url : url.slice(0, slash);
    const path = slash < 0 ? '/' : url.slice(slash);
    const cached = this.#origins.get(prefix);
    if (cached && PLAIN_PATH.test(path) && !path.includes('/.')) return { origin: cached, path };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AppError('INVALID_INPUT', `"${url}" is not a valid URL`);
    }
    const secure = parsed.protocol === 'https:';
    if (!secure && parsed.protocol !== 'http:')
      throw new AppError('INVALID_INPUT', `Only http and https URLs can be sent (got ${parsed.protocol})`);
    const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
    const origin: OriginInfo = {
      secure,
      hostname,
      port: parsed.port ? Number(parsed.port) : secure ? 443 : 80,
      authority: parsed.host,
      origin: parsed.origin,
      keys: new Map(),
    };
    if (this.#origins.size > 1000) this.#origins.clear();
    if (!parsed.username && !parsed.password) this.#origins.set(prefix, origin);
    return { origin, path: parsed.pathname + parsed.search };
  }

  /** Header names repeat across requests; lower-casing each once keeps strings out of the hot path. */
  lowerName(name: string): string {
    let lower = this.#lowerNames.get(name);
    if (lower === undefined) {
      lower = name.toLowerCase();
      if (this.#lowerNames.size < 1000) this.#lowerNames.set(name, lower);
    }
    return lower;
  }

  /** The pool key: different trust roots or client identities must never share a connection. */
  poolKey(origin: OriginInfo, tls: TlsOptions | undefined): string {
    const identity = this.#identityKey(tls);
    let key = origin.keys.get(identity);
    if (key === undefined) {
      key = `${origin.origin}|${identity}`;
      origin.keys.set(identity, key);
    }
    return key;
  }

  #identityKey(tls: TlsOptions | undefined): string {
    if (!tls) return '';
    let key = this.#identityKeys.get(tls);
    if (key !== undefined) return key;
    const caOnly =
      typeof tls.ca === 'string' &&
      tls.clientCert === undefined &&
      tls.clientKey === undefined &&
      tls.passphrase === undefined &&
      tls.pfx === undefined &&
      tls.servername === undefined;
    if (caOnly) {
      key = this.#plainCaKeys.get(tls.ca as string);
      if (key !== undefined) return key;
    }
    const hash = createHash('sha256');
    for (const part of [tls.ca, tls.clientCert, tls.clientKey, tls.passphrase, tls.servername])
      hash.update(`${part === undefined ? '' : String(part)}\u0000`);
    if (tls.pfx) hash.update(tls.pfx);
    key = hash.digest('base64');
    if (caOnly) {
      if (this.#plainCaKeys.size > 100) this.#plainCaKeys.clear();
      this.#plainCaKeys.set(tls.ca as string, key);
    }
    this.#identityKeys.set(tls, key);
    return key;
  }
}
