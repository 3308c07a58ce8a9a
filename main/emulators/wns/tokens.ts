import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../common/admin';
import type { WnsStore } from './store';

export const LIVE_TOKEN_PATH = '/accesstoken.srf';
/** `/{tenant}/oauth2/v2.0/token`, as at login.microsoftonline.com. */
export const ENTRA_TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const LIVE_SCOPES = new Set(['notify.windows.com', 's.notify.live.net']);
const ENTRA_SCOPES = new Set(['https://wns.windows.com/.default']);

interface IssuedToken {
  clientId: string;
  expiresAt: number;
  /** Which login service issued it: the Package SID flow (Live) or Entra. */
  flow: 'live' | 'entra';
}

/** Access tokens the emulated login services issued; in memory, like a real token's server-side state. */
export class TokenIssuer {
  readonly #tokens = new Map<string, IssuedToken>();
  /** Token requests answered 200, for tests proving the client's cache. */
  issued = 0;

  readonly #now: () => number;

  constructor(
    now: () => number,
    public lifetimeSeconds: number,
  ) {
    this.#now = now;
  }

  issue(clientId: string, flow: IssuedToken['flow'] = 'live'): { token: string; expiresIn: number } {
    const token = `EgAaAQMAAAAEgAAA${randomBytes(48).toString('base64url')}`;
    this.#tokens.set(token, { clientId, expiresAt: this.#now() + this.lifetimeSeconds * 1000, flow });
    this.issued++;
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** 'invalid' for unknown tokens, 'expired' past their lifetime, else the app's client id. */
  check(token: string): { clientId: string; flow: IssuedToken['flow'] } | 'invalid' | 'expired' {
    const found = this.#tokens.get(token);
    if (!found) return 'invalid';
    if (found.expiresAt <= this.#now()) return 'expired';
    return { clientId: found.clientId, flow: found.flow };
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
 */
export async function handleToken(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: { store: WnsStore; issuer: TokenIssuer },
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
  const { token, expiresIn } = ctx.issuer.issue(clientId, flow);
  // Live sends expires_in as a number; Entra sends it as a string (§3.1).
  if (flow === 'live') return sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
  return sendJson(res, 200, {
    token_type: 'Bearer',
    expires_in: String(expiresIn),
    ext_expires_in: String(expiresIn),
    access_token: token,
  });
}
