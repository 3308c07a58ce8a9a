import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WNS_TOKEN_AUDIENCE } from '../../../shared/providers/wns/message';
import { readBody, sendJson } from '../common/admin';
import type { WnsStore } from './store';

export const LIVE_TOKEN_PATH = '/accesstoken.srf';
/** `/{tenant}/oauth2/v2.0/token`, as at login.microsoftonline.com. */
export const ENTRA_TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const LIVE_SCOPES = new Set(['notify.windows.com', 's.notify.live.net']);
const ENTRA_SCOPES = new Set(['https://wns.windows.com/.default']);
/** What check `otherAudienceToken` makes the Entra endpoint mint for: a token for Microsoft Graph. */
export const OTHER_AUDIENCE = 'https://graph.microsoft.com';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
  /** Which login service issued it: the Package SID flow (Live) or Entra. */
  flow: 'live' | 'entra';
  /** The resource the token is for: WNS's, or another's under check `otherAudienceToken`. */
  audience: string;
}

export interface TokenCheck {
  clientId: string;
  flow: IssuedToken['flow'];
  audience: string;
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Access tokens the emulated login services issued; in memory, like a real token's server-side state. */
export class TokenIssuer {
  readonly #tokens = new Map<string, IssuedToken>();
  /** Signs the Entra JWTs: an emulator's token needs to look like one, not to be verifiable by anyone else. */
  readonly #key = randomBytes(32);
  /** Token requests answered 200, for tests proving the client's cache. */
  issued = 0;

  readonly #now: () => number;

  constructor(
    now: () => number,
    public lifetimeSeconds: number,
  ) {
    this.#now = now;
  }

  /**
   * Live tokens are opaque; Entra's are JWTs (HS256 here) whose `aud` is the resource, so a
   * client (and the doctor) can read which service a token is for.
   */
  issue(
    clientId: string,
    flow: IssuedToken['flow'] = 'live',
    entra: { tenant?: string; audience?: string } = {},
  ): { token: string; expiresIn: number } {
    const now = this.#now();
    const audience = entra.audience ?? WNS_TOKEN_AUDIENCE;
    const token =
      flow === 'live'
        ? `EgAaAQMAAAAEgAAA${randomBytes(48).toString('base64url')}`
        : this.#jwt(clientId, entra.tenant ?? 'common', audience, now);
    this.#tokens.set(token, { clientId, expiresAt: now + this.lifetimeSeconds * 1000, flow, audience });
    this.issued++;
    return { token, expiresIn: this.lifetimeSeconds };
  }

  #jwt(clientId: string, tenant: string, audience: string, now: number): string {
    const iat = Math.floor(now / 1000);
    const claims = {
      aud: audience,
      iss: `https://sts.windows.net/${tenant}/`,
      iat,
      nbf: iat,
      exp: iat + this.lifetimeSeconds,
      appid: clientId,
      tid: tenant,
      // Unique per token, as Entra's `uti`: two tokens minted in the same second differ.
      uti: randomBytes(12).toString('base64url'),
    };
    const unsigned = `${part({ typ: 'JWT', alg: 'HS256' })}.${part(claims)}`;
    return `${unsigned}.${createHmac('sha256', this.#key).update(unsigned).digest('base64url')}`;
  }

  /** 'invalid' for unknown tokens, 'expired' past their lifetime, else who it is for. */
  check(token: string): TokenCheck | 'invalid' | 'expired' {
    const found = this.#tokens.get(token);
    if (!found) return 'invalid';
    if (found.expiresAt <= this.#now()) return 'expired';
    return { clientId: found.clientId, flow: found.flow, audience: found.audience };
  }

  /** Makes every issued token expired now (the client must then refresh once on 401). */
  expireAll(): number {
    const now = this.#now();
    for (const token of this.#tokens.values()) token.expiresAt = now;
    return this.#tokens.size;
  }
}

/**
 * POST /accesstoken.srf (login.live.com, Package SID) and POST /{tenant}/oauth2/v2.0/token
 * (Entra). Failures are OAuth error JSON: Live answers 400 (§3.1), Entra 401 for a bad secret.
 * With check `otherAudienceToken` an Entra token is for Microsoft Graph whatever the scope: the
 * token a backend gets when it asks for another resource, which WNS then refuses with 401.
 */
export async function handleToken(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: { store: WnsStore; issuer: TokenIssuer; checks: { otherAudienceToken: boolean } },
): Promise<void> {
  const entra = ENTRA_TOKEN_PATH.exec(url.pathname);
  const flow = entra ? 'entra' : 'live';
  const fail = (status: number, error: string, description: string) =>
    sendJson(res, status, { error, error_description: description });
  if (req.method !== 'POST') return fail(405, 'invalid_request', 'The token endpoint only accepts POST.');
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return fail(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  const scope = form.get('scope');
  if (grantType !== 'client_credentials') {
    return fail(400, 'unsupported_grant_type', 'grant_type must be client_credentials.');
  }
  if (!clientId || !clientSecret) return fail(400, 'invalid_request', 'client_id and client_secret are required.');
  if (!scope || !(flow === 'live' ? LIVE_SCOPES : ENTRA_SCOPES).has(scope)) {
    const expected = flow === 'live' ? 'notify.windows.com' : 'https://wns.windows.com/.default';
    return fail(400, 'invalid_scope', `The scope must be ${expected}, not "${scope ?? ''}".`);
  }
  const app = ctx.store.app(clientId);
  if (!app || (flow === 'entra') !== (app.tenantId !== undefined)) {
    return fail(flow === 'live' ? 400 : 401, 'invalid_client', `The client id ${clientId} is not registered.`);
  }
  if (flow === 'entra' && app.tenantId !== decodeURIComponent(entra![1]!)) {
    return fail(400, 'invalid_request', `Application ${clientId} was not found in tenant ${entra![1]}.`);
  }
  if (app.clientSecret !== clientSecret) {
    return fail(flow === 'live' ? 400 : 401, 'invalid_client', 'Invalid client secret is provided.');
  }
  const { token, expiresIn } = ctx.issuer.issue(
    clientId,
    flow,
    flow === 'entra'
      ? {
          tenant: decodeURIComponent(entra![1]!),
          ...(ctx.checks.otherAudienceToken ? { audience: OTHER_AUDIENCE } : {}),
        }
      : {},
  );
  // Live sends expires_in as a number; Entra sends it as a string (§3.1).
  if (flow === 'live') return sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
  return sendJson(res, 200, {
    token_type: 'Bearer',
    expires_in: String(expiresIn),
    ext_expires_in: String(expiresIn),
    access_token: token,
  });
}
