import type { z } from 'zod';
import type { FcmServiceAccountSecret } from '../../credentials/fcm-service-account';
import { headerValue, type Transport, type TlsOptions, type TransportResponse } from '../../transport/types';
import { OAuthTokenError, oauthErrorSchema, tokenResponseSchema } from '../oauth-token';
import { buildAssertion, tokenRequestBody } from './jwt';

/** firebase-admin refreshes when 5 minutes or less remain (TOKEN_EXPIRY_THRESHOLD_MILLIS). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface AccessToken {
  value: string;
  /** Local clock, ms. */
  expiresAt: number;
}

export interface TokenFetchContext {
  transport: Transport;
  tokenUri: string;
  tls?: TlsOptions;
  signal?: AbortSignal;
  /** Record the token request, as the send that needed it is recorded (default on). */
  record?: boolean | undefined;
  /** Exchange ids of every request made, in order. */
  exchangeIds: string[];
}

/**
 * OAuth access tokens per service account and token endpoint, reused until 5 minutes before
 * they expire. Concurrent sends share one token request. The clock offset learnt from the token
 * endpoint's Date header corrects assertions when the local clock is off.
 */
export class FcmTokenCache {
  readonly #tokens = new Map<string, AccessToken>();
  readonly #pending = new Map<string, Promise<AccessToken>>();
  /** Server time minus local time, in ms, per token endpoint. */
  readonly #skew = new Map<string, number>();
  readonly #now: () => number;
  /** Token requests made; tests read it to prove caching. */
  requests = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  key(credentialId: string, tokenUri: string): string {
    return `${credentialId}\u0000${tokenUri}`;
  }

  invalidate(credentialId: string, tokenUri: string): void {
    this.#tokens.delete(this.key(credentialId, tokenUri));
  }

  async get(credentialId: string, secret: FcmServiceAccountSecret, context: TokenFetchContext): Promise<AccessToken> {
    const key = this.key(credentialId, context.tokenUri);
    const cached = this.#tokens.get(key);
    if (cached && cached.expiresAt - REFRESH_MARGIN_MS > this.#now()) return cached;
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const fetching = this.#fetch(secret, context).finally(() => this.#pending.delete(key));
    this.#pending.set(key, fetching);
    const token = await fetching;
    this.#tokens.set(key, token);
    return token;
  }

  async #fetch(secret: FcmServiceAccountSecret, context: TokenFetchContext): Promise<AccessToken> {
    const first = await this.#request(secret, context);
    if (first.ok) return first.token;
    // An assertion "not in a reasonable timeframe" with a skewed clock: retry once on server time.
    // Compared with the correction already applied, so a clock that was fixed is noticed too.
    const serverDate = Date.parse(headerValue(first.response.headers, 'date') ?? '');
    const applied = this.#skew.get(context.tokenUri) ?? 0;
    const skew = Number.isNaN(serverDate) ? applied : serverDate - this.#now();
    if (first.error.error === 'invalid_grant' && Math.abs(skew - applied) > 60_000) {
      this.#skew.set(context.tokenUri, skew);
      const second = await this.#request(secret, context);
      if (second.ok) return second.token;
      throw toError(second);
    }
    throw toError(first);
  }

  async #request(
    secret: FcmServiceAccountSecret,
    context: TokenFetchContext,
  ): Promise<
    | { ok: true; token: AccessToken }
    | { ok: false; response: TransportResponse; error: z.infer<typeof oauthErrorSchema> }
  > {
    const skew = this.#skew.get(context.tokenUri) ?? 0;
    const { jwt, claims } = buildAssertion(secret, context.tokenUri, Math.floor((this.#now() + skew) / 1000));
    this.requests += 1;
    const response = await context.transport.request({
      url: context.tokenUri,
      method: 'POST',
      headers: [['content-type', 'application/x-www-form-urlencoded']],
      body: tokenRequestBody(jwt),
      ...(context.tls ? { tls: context.tls } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      meta: {
        purpose: 'auth',
        provider: 'fcm',
        target: secret.clientEmail,
        notes: { assertionClaims: claims, ...(skew ? { clockSkewCorrectionMs: skew } : {}) },
      },
      secrets: [jwt],
      record: context.record,
    });
    context.exchangeIds.push(response.exchangeId);
    const body = safeJson(response.body.toString('utf8'));
    if (response.status === 200) {
      const parsed = tokenResponseSchema.safeParse(body);
      if (parsed.success) {
        return {
          ok: true,
          token: { value: parsed.data.access_token, expiresAt: this.#now() + parsed.data.expires_in * 1000 },
        };
      }
      return {
        ok: false,
        response,
        error: { error: 'invalid_response', error_description: 'No access_token in the answer' },
      };
    }
    const parsedError = oauthErrorSchema.safeParse(body);
    return {
      ok: false,
      response,
      error: parsedError.success ? parsedError.data : { error: `HTTP ${response.status}` },
    };
  }
}

function toError(failure: { response: TransportResponse; error: z.infer<typeof oauthErrorSchema> }): OAuthTokenError {
  const reason = failure.error.error;
  const description = failure.error.error_description ?? '';
  return new OAuthTokenError(
    { status: failure.response.status, reason, description, exchangeId: failure.response.exchangeId },
    `The token endpoint refused the service account: ${reason}${description ? ` (${description})` : ''}`,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
