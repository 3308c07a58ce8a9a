import type { CredentialFinding } from '../../../../shared/domain/credential-check';
import { OAuthTokenError } from '../oauth-token';
import { errorFact, ok, problem, warning, type CredentialChecker } from '../check';
import { fcmSecret } from './client';
import { fcmEndpoints } from './request';
import { FcmTokenCache } from './token-cache';

/** Google's invalid_grant descriptions, each read as the state of the key or account it means. */
const GRANT_ANSWERS: Array<{ match: RegExp; fact: string; todo: string }> = [
  {
    match: /Invalid JWT Signature/i,
    fact: 'the key this file holds is disabled or deleted in Google Cloud',
    todo: 'Create a new key (Firebase console → Project settings → Service accounts) and load it with Replace secret.',
  },
  {
    match: /account not found/i,
    fact: 'the service account itself no longer exists',
    todo: 'The account was deleted: create a service account and a key for it.',
  },
  {
    match: /account disabled/i,
    fact: 'the service account is disabled',
    todo: 'Enable the account in Google Cloud → IAM → Service accounts, or use another.',
  },
  {
    match: /timeframe|iat|exp/i,
    fact: 'the assertion’s time window was refused: this computer’s clock is likely off',
    todo: 'Set the clock to network time and check again.',
  },
];

/** FCM: the project named twice in the JSON agrees, and the token endpoint's answer, read. */
export const checkFcmCredential: CredentialChecker = async (credential, context) => {
  const secret = fcmSecret(credential);
  const findings: CredentialFinding[] = [];
  const emailProject = /@([^.]+)\.iam\.gserviceaccount\.com$/i.exec(secret.clientEmail)?.[1];
  if (emailProject === undefined) {
    findings.push(
      warning(
        'Project',
        `client_email ${secret.clientEmail} is not a *.iam.gserviceaccount.com address, so it does not name a project; project_id is ${secret.projectId}.`,
      ),
    );
  } else if (emailProject !== secret.projectId) {
    findings.push(
      problem(
        'Project',
        `project_id is ${secret.projectId} but the account ${secret.clientEmail} belongs to ${emailProject}; sends to ${secret.projectId} get 403 PERMISSION_DENIED or SENDER_ID_MISMATCH.`,
        `Use the service account JSON downloaded from ${secret.projectId}'s own Firebase project.`,
      ),
    );
  } else {
    findings.push(ok('Project', `project_id ${secret.projectId} matches the account ${secret.clientEmail}.`));
  }
  findings.push(await tokenExchange(credential.meta.id, secret, context));
  return findings;
};

async function tokenExchange(
  credentialId: string,
  secret: ReturnType<typeof fcmSecret>,
  context: Parameters<CredentialChecker>[1],
): Promise<CredentialFinding> {
  const endpoints = fcmEndpoints(secret, context.local);
  const where = context.local ? 'the local FCM emulator' : new URL(endpoints.tokenUri).host;
  try {
    // A cache of its own: the check asks afresh and leaves the sends' tokens alone.
    const token = await new FcmTokenCache().get(credentialId, secret, {
      transport: context.transport,
      tokenUri: endpoints.tokenUri,
      exchangeIds: [],
      ...(endpoints.tls ? { tls: endpoints.tls } : {}),
    });
    const minutes = Math.round((token.expiresAt - Date.now()) / 60_000);
    return ok(
      'Token exchange',
      `${where} issued an access token for ${secret.clientEmail}, valid for ${minutes} min: the key is active.`,
    );
  } catch (error) {
    if (!(error instanceof OAuthTokenError)) {
      return problem(
        'Token exchange',
        `${where} could not be asked: ${errorFact(error)}`,
        'Check the network, then check again.',
      );
    }
    const answer = `${where} answered ${error.status} ${error.reason}${error.description ? ` "${error.description}"` : ''}`;
    const known =
      error.reason === 'invalid_grant' ? GRANT_ANSWERS.find((entry) => entry.match.test(error.description)) : undefined;
    return known
      ? problem('Token exchange', `${answer}: ${known.fact}.`, known.todo)
      : problem('Token exchange', `${answer}.`, 'Create a new key for the service account.');
  }
}
