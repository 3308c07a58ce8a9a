import { sign } from 'node:crypto';
import type { FcmServiceAccountSecret } from '../../credentials/fcm-service-account';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google refuses assertions that live longer than an hour. */
export const ASSERTION_LIFETIME_SECONDS = 3600;

export interface AssertionClaims {
  iss: string;
  scope: string;
  aud: string;
  iat: number;
  exp: number;
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** The RS256 JWT a service account trades for an access token (protocols.md §2.2). */
export function buildAssertion(
  secret: FcmServiceAccountSecret,
  audience: string,
  nowSeconds: number,
): { jwt: string; claims: AssertionClaims } {
  const header = { alg: 'RS256', typ: 'JWT', ...(secret.privateKeyId ? { kid: secret.privateKeyId } : {}) };
  const claims: AssertionClaims = {
    iss: secret.clientEmail,
    scope: FCM_SCOPE,
    aud: audience,
    iat: nowSeconds,
    exp: nowSeconds + ASSERTION_LIFETIME_SECONDS,
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(input), secret.privateKeyPem);
  return { jwt: `${input}.${base64url(signature)}`, claims };
}

export function tokenRequestBody(assertion: string): string {
  return new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString();
}
