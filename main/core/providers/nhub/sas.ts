import { createHmac } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import type { NhubSecret } from '../../credentials/nhub-connection-string';

/** SAS lifetime we ask for; the .NET SDK uses 20 minutes and refreshes 2 minutes early. */
export const SAS_LIFETIME_SECONDS = 20 * 60;
export const SAS_REFRESH_MARGIN_SECONDS = 2 * 60;

/**
 * `https://{namespace}.servicebus.windows.net/` from the connection string's `sb://` endpoint.
 * Lower-cased like the Python sample; a trailing slash is ensured.
 */
export function namespaceUrl(secret: Pick<NhubSecret, 'endpoint'>): string {
  const match = /^(?:sb|https?):\/\/([^/?#]+)\/?/i.exec(secret.endpoint.trim());
  if (!match) {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `The Notification Hubs endpoint "${secret.endpoint}" is not sb://{namespace}.servicebus.windows.net/.`,
      "Copy the connection string again from the hub's Access Policies page in the Azure portal.",
    );
  }
  return `https://${match[1]!.toLowerCase()}/`;
}

/**
 * Python's `urllib.parse.quote(text, '')`: everything but letters, digits and `_.-~` is
 * percent-encoded (upper-case hex) over UTF-8. encodeURIComponent leaves `!*'()` alone, which
 * would make our `sr` differ from the sample's for such hub names.
 */
export function pythonQuote(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The signed resource: the Python sample's `quote(endpoint + hub, '').lower()`, i.e.
 * `https%3a%2f%2f{namespace}.servicebus.windows.net%2f{hub}` — the same in every environment,
 * because it names the real hub. The local emulator checks it against the namespace and hub
 * registered for the key (not against its own 127.0.0.1 address).
 */
export function sasResourceUri(secret: Pick<NhubSecret, 'endpoint' | 'hubName'>): string {
  return pythonQuote(namespaceUrl(secret) + secret.hubName).toLowerCase();
}

export interface SasToken {
  token: string;
  resource: string;
  expiresAt: number;
  signature: string;
}

/**
 * sig = URL-encode(base64(HMAC-SHA256(key as UTF-8 text, sr + "\n" + se))). Encoded like the
 * Python sample's `quote(sig)` (safe `/`), so `+` and `=` are escaped and `/` stays; the service
 * URL-decodes `sig` either way.
 */
export function signSas(resource: string, expiry: number, keyName: string, key: string): SasToken {
  const digest = createHmac('sha256', Buffer.from(key, 'utf8'))
    .update(`${resource}\n${expiry}`, 'utf8')
    .digest('base64');
  const signature = pythonQuote(digest).replace(/%2F/g, '/');
  return {
    token: `SharedAccessSignature sr=${resource}&sig=${signature}&se=${expiry}&skn=${keyName}`,
    resource,
    expiresAt: expiry,
    signature,
  };
}

/** SAS tokens per credential id, reused until two minutes before they expire. */
export class SasTokenCache {
  readonly #tokens = new Map<string, SasToken & { keyName: string; key: string }>();
  readonly #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  get(
    credentialId: string,
    secret: NhubSecret,
    lifetimeSeconds = SAS_LIFETIME_SECONDS,
  ): SasToken & { reused: boolean } {
    const nowSeconds = Math.floor(this.#now() / 1000);
    const resource = sasResourceUri(secret);
    const cached = this.#tokens.get(credentialId);
    if (
      cached &&
      cached.resource === resource &&
      cached.keyName === secret.keyName &&
      cached.key === secret.key &&
      cached.expiresAt - SAS_REFRESH_MARGIN_SECONDS > nowSeconds
    ) {
      return { ...cached, reused: true };
    }
    const token = signSas(resource, nowSeconds + lifetimeSeconds, secret.keyName, secret.key);
    this.#tokens.set(credentialId, { ...token, keyName: secret.keyName, key: secret.key });
    return { ...token, reused: false };
  }

  /** After a 401 the cached token is useless. */
  invalidate(credentialId: string): void {
    this.#tokens.delete(credentialId);
  }

  clear(): void {
    this.#tokens.clear();
  }
}
