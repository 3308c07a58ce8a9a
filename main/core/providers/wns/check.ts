import type { CredentialFinding } from '../../../../shared/domain/credential-check';
import { isWnsAudience } from '../../../../shared/providers/wns/message';
import { OAuthTokenError } from '../oauth-token';
import { errorFact, ok, problem, warning, type CredentialChecker } from '../check';
import { requireWns } from './client';
import { ENTRA_SCOPE, LIVE_SCOPE, WnsTokenCache } from './token';

/**
 * WNS: the token endpoint's answer for the scope WNS needs, and for an Entra app the one thing a
 * token cannot prove, the app's mapping to the package (Partner Center), named as such.
 */
export const checkWnsCredential: CredentialChecker = async (credential, context) => {
  const secret = requireWns(credential);
  const scope = secret.flavor === 'entra' ? ENTRA_SCOPE : LIVE_SCOPE;
  const where = context.local
    ? 'The local WNS emulator'
    : secret.flavor === 'entra'
      ? 'Microsoft Entra ID'
      : 'login.live.com';
  const findings: CredentialFinding[] = [];
  try {
    // A cache of its own: the check asks afresh and leaves the sends' tokens alone.
    const token = await new WnsTokenCache().get({
      transport: context.transport,
      credentialId: credential.meta.id,
      secret,
      local: context.local,
      ...(context.local ? { tls: { ca: context.local.ca } } : {}),
      exchangeIds: [],
    });
    const audience = tokenAudience(token.value);
    findings.push(
      audience !== null && !isWnsAudience(audience)
        ? problem(
            'Token scope',
            `${where} issued a token for ${audience}, not for WNS (scope ${scope}).`,
            `Ask for the scope ${scope}.`,
          )
        : ok('Token scope', `${where} issued a token for the scope ${scope}${audience ? ` (aud ${audience})` : ''}.`),
    );
  } catch (error) {
    if (!(error instanceof OAuthTokenError)) {
      findings.push(
        problem(
          'Token scope',
          `${where} could not be asked: ${errorFact(error)}`,
          'Check the network, then check again.',
        ),
      );
    } else {
      const answer = `${where} answered ${error.status} ${error.reason}${error.description ? ` "${error.description}"` : ''}`;
      findings.push(
        problem(
          'Token scope',
          `${answer}; no token for the scope ${scope}.`,
          error.reason === 'invalid_client'
            ? 'The client id or secret is wrong, or the secret expired: create a new client secret.'
            : 'Check the tenant id, client id and secret.',
        ),
      );
    }
  }
  if (secret.flavor === 'entra') {
    findings.push(
      warning(
        'Package mapping',
        'A token proves the Entra app, not that it is mapped to your app’s package: WNS answers 403 with no X-WNS-* headers when it is not.',
        'In Partner Center, associate the Entra app id with the package (Product identity → WNS/Entra mapping).',
      ),
    );
  }
  return findings;
};

/** The `aud` of a JWT access token (Entra's are JWTs; Live's are opaque): a fact, not the token. */
function tokenAudience(token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    return typeof claims['aud'] === 'string' ? claims['aud'] : null;
  } catch {
    return null;
  }
}
