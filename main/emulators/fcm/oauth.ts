import { createPublicKey, randomBytes, verify } from 'node:crypto';
import type { FcmRegistry, ServiceAccountRegistration } from './state';

export const FCM_SCOPES = [
  'https://www.googleapis.com/auth/firebase.messaging',
  'https://www.googleapis.com/auth/cloud-platform',
];
export const GOOGLE_AUDIENCE = 'https://oauth2.googleapis.com/token';
const TIMEFRAME =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
/** Google tolerates a little clock drift on iat; five minutes is generous and documented nowhere [?]. */
const IAT_LEEWAY_SECONDS = 300;

export interface IssuedToken {
  clientEmail: string;
  projectId: string;
  expiresAt: number;
}

export interface OAuthAnswer {
  status: number;
  body: Record<string, unknown>;
}

function oauthError(error: string, description: string, status = 400): OAuthAnswer {
  return { status, body: { error, error_description: description } };
}

/**
 * The service-account token endpoint: verifies the RS256 assertion against registered accounts
 * (signature, iss, aud, scope, iat/exp window) and issues expiring access tokens.
 */
export class FcmTokenIssuer {
  readonly tokens = new Map<string, IssuedToken>();
  tokenLifetimeSeconds = 3599;
  /** Added to this emulator's clock, to test clients against a server whose time differs. */
  clockSkewSeconds = 0;

  constructor(
    readonly registry: FcmRegistry,
    readonly audience: () => string,
    readonly checks: { acceptGoogleAudience: boolean },
  ) {}

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000) + this.clockSkewSeconds;
  }

  exchange(form: URLSearchParams): OAuthAnswer {
    const grant = form.get('grant_type');
    if (grant !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return oauthError('unsupported_grant_type', `Invalid grant_type: ${grant ?? ''}`);
    }
    const assertion = form.get('assertion') ?? '';
    const parts = assertion.split('.');
    if (parts.length !== 3)
      return oauthError('invalid_grant', 'Invalid JWT: not a compact JWS (header.claims.signature).');
    const header = decodePart(parts[0]!);
    const claims = decodePart(parts[1]!);
    if (!header || !claims)
      return oauthError('invalid_grant', 'Invalid JWT: the header or claims are not base64url JSON.');
    if (header['alg'] !== 'RS256')
      return oauthError('invalid_grant', `Invalid JWT: alg must be RS256, not ${String(header['alg'])}.`);
    const account = typeof claims['iss'] === 'string' ? this.registry.accounts.get(claims['iss']) : undefined;
    if (!account) return oauthError('invalid_grant', 'Invalid grant: account not found');
    if (account.disabled) return oauthError('invalid_grant', 'Invalid grant: account disabled', 400);
    // Google cannot tell a disabled or deleted key from a forged signature, and says the same.
    if (account.keyDisabled || !verifySignature(account, `${parts[0]}.${parts[1]}`, parts[2]!)) {
      return oauthError('invalid_grant', 'Invalid JWT Signature.');
    }
    const audiences = [this.audience(), ...(this.checks.acceptGoogleAudience ? [GOOGLE_AUDIENCE] : [])];
    if (!audiences.includes(String(claims['aud']))) {
      return oauthError('invalid_grant', `Invalid JWT: audience "${String(claims['aud'])}" is not ${this.audience()}.`);
    }
    const iat = claims['iat'];
    const exp = claims['exp'];
    const now = this.nowSeconds();
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600) {
      return oauthError('invalid_grant', TIMEFRAME);
    }
    if (iat > now + IAT_LEEWAY_SECONDS || exp <= now) return oauthError('invalid_grant', TIMEFRAME);
    const scopes = String(claims['scope'] ?? '').split(' ');
    if (!scopes.some((scope) => FCM_SCOPES.includes(scope))) {
      return oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    }
    const token = `ya29.local-${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, {
      clientEmail: account.clientEmail,
      projectId: account.projectId,
      expiresAt: (now + this.tokenLifetimeSeconds) * 1000,
    });
    return { status: 200, body: { access_token: token, expires_in: this.tokenLifetimeSeconds, token_type: 'Bearer' } };
  }

  /** The account behind a bearer token, or null when it is unknown or expired. */
  authenticate(authorization: string | undefined): IssuedToken | null {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const issued = match ? this.tokens.get(match[1]!) : undefined;
    if (!issued || issued.expiresAt <= this.nowSeconds() * 1000) return null;
    return issued;
  }

  revokeAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function verifySignature(account: ServiceAccountRegistration, input: string, signature: string): boolean {
  try {
    return verify(
      'RSA-SHA256',
      Buffer.from(input),
      createPublicKey(account.publicKeyPem),
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}
