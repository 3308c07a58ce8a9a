import { AppError } from '../../../../shared/errors';
import type { WnsSecret } from '../../credentials/wns';
import type { LocalEnvironment } from '../../local/local-env';
import type { TlsOptions, Transport } from '../../transport/types';
import { OAuthTokenError, oauthErrorSchema, tokenResponseSchema } from '../oauth-token';

export const LIVE_TOKEN_URL = 'https://login.live.com/accesstoken.srf';
export const LIVE_SCOPE = 'notify.windows.com';
/** protocols.md §3.1: the doc's HTTP sample has a trailing slash; its C# sample (and reality) don't. */
export const ENTRA_SCOPE = 'https://wns.windows.com/.default';
/** Refresh a little before the token's own expiry so a send never races it. */
export const REFRESH_MARGIN_MS = 60_000;

export interface TokenEndpoint {
  url: string;
  body: string;
  /** What to redact in the recorded exchange. */
  secrets: string[];
}

/** Where to ask and what to send, for either flow; in `local` the emulator answers both. */
export function tokenEndpoint(secret: WnsSecret, local: LocalEnvironment | null): TokenEndpoint {
  const localTokenUrl = local ? requireLocalWns(local).tokenUrl : null;
  if (secret.flavor === 'package-sid') {
    return {
      url: localTokenUrl ?? LIVE_TOKEN_URL,
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: secret.packageSid,
        client_secret: secret.clientSecret,
        scope: LIVE_SCOPE,
      }).toString(),
      secrets: [secret.clientSecret],
    };
  }
  const tenantPath = `/${encodeURIComponent(secret.tenantId)}/oauth2/v2.0/token`;
  return {
    url: localTokenUrl
      ? new URL(tenantPath, localTokenUrl).toString()
      : `https://login.microsoftonline.com${tenantPath}`,
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: secret.clientId,
      client_secret: secret.clientSecret,
      scope: ENTRA_SCOPE,
    }).toString(),
    secrets: [secret.clientSecret],
  };
}

export function requireLocalWns(local: LocalEnvironment): { baseUrl: string; tokenUrl: string } {
  if (!local.wns) {
    throw new AppError(
      'LOCAL_NOT_RUNNING',
      'The local WNS emulator is not running.',
      'Start the emulators (Emulators screen or push-console emulators start) and try again.',
    );
  }
  return local.wns;
}

/** The token endpoint refused: the message names the WNS credential and says what to check. */
function refused(status: number, reason: string, description: string, exchangeId: string): OAuthTokenError {
  return new OAuthTokenError(
    { status, reason, description, exchangeId },
    `The WNS token endpoint refused the credential (${status} ${reason})${description ? `: ${description}` : ''}`,
    'Check the Package SID (ms-app://s-1-15-2-…) or app id, and that the client secret has not expired.',
  );
}

export interface AccessToken {
  value: string;
  expiresAt: number;
  /** Served from the cache rather than fetched for this send. */
  reused: boolean;
}

export interface TokenFetch {
  transport: Transport;
  credentialId: string;
  secret: WnsSecret;
  local: LocalEnvironment | null;
  tls?: TlsOptions;
  signal?: AbortSignal;
  /** Record the token request, as the send that needed it is recorded (default on). */
  record?: boolean | undefined;
  /** Exchange ids of token requests made, appended in order. */
  exchangeIds: string[];
}

/**
 * Access tokens per credential and token endpoint, reused until a minute before expiry.
 * Concurrent sends share one token request.
 */
export class WnsTokenCache {
  readonly #tokens = new Map<string, Omit<AccessToken, 'reused'>>();
  readonly #pending = new Map<string, Promise<Omit<AccessToken, 'reused'>>>();
  readonly #now: () => number;
  /** Token requests made; tests read it to prove caching. */
  requests = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async get(fetch: TokenFetch): Promise<AccessToken> {
    const endpoint = tokenEndpoint(fetch.secret, fetch.local);
    const key = `${fetch.credentialId} ${endpoint.url}`;
    const cached = this.#tokens.get(key);
    if (cached && cached.expiresAt - REFRESH_MARGIN_MS > this.#now()) return { ...cached, reused: true };
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.#fetch(fetch, endpoint).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    const token = await pending;
    this.#tokens.set(key, token);
    return { ...token, reused: false };
  }

  /** Forget the token after WNS said 401, so the next get() asks again. */
  invalidate(credentialId: string, local: LocalEnvironment | null, secret: WnsSecret): void {
    this.#tokens.delete(`${credentialId} ${tokenEndpoint(secret, local).url}`);
  }

  clear(): void {
    this.#tokens.clear();
  }

  async #fetch(fetch: TokenFetch, endpoint: TokenEndpoint): Promise<Omit<AccessToken, 'reused'>> {
    this.requests++;
    const response = await fetch.transport.request({
      url: endpoint.url,
      method: 'POST',
      headers: [['content-type', 'application/x-www-form-urlencoded']],
      body: endpoint.body,
      ...(fetch.tls ? { tls: fetch.tls } : {}),
      ...(fetch.signal ? { signal: fetch.signal } : {}),
      meta: { purpose: 'auth', provider: 'wns', target: new URL(endpoint.url).host },
      secrets: endpoint.secrets,
      record: fetch.record,
    });
    fetch.exchangeIds.push(response.exchangeId);
    const text = response.body.toString('utf8');
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Handled below as an unreadable answer.
    }
    if (response.status === 200) {
      const parsed = tokenResponseSchema.safeParse(json);
      if (parsed.success) {
        return { value: parsed.data.access_token, expiresAt: this.#now() + parsed.data.expires_in * 1000 };
      }
      throw refused(200, 'invalid_response', 'no access_token and expires_in in the answer', response.exchangeId);
    }
    const error = oauthErrorSchema.safeParse(json);
    throw refused(
      response.status,
      error.success ? error.data.error : `HTTP ${response.status}`,
      error.success ? (error.data.error_description ?? '') : text.slice(0, 200),
      response.exchangeId,
    );
  }
}
