import type { CredentialFinding } from '../../../../shared/domain/credential-check';
import { apnsSendSchema } from '../../../../shared/providers/apns/message';
import type { ResolvedCredential } from '../../credentials/types';
import { ok, problem, warning, type CheckContext } from '../check';
import { sendApns } from './client';
import { ApnsJwtCache } from './jwt';
import { ApnsRequestBuilder } from './request';

/** A device token no device has: APNs checks the provider token first, then answers BadDeviceToken. */
const PROBE_DEVICE = '0'.repeat(64);
const AUTH_REASONS = new Set(['InvalidProviderToken', 'MissingProviderToken', 'ExpiredProviderToken']);

/**
 * Asks APNs, in each environment the key's profiles send to, to take a provider token signed with
 * the key, on a background push to a made-up device token that reaches nobody. Any answer past
 * authentication proves the key id, team id and key; InvalidProviderToken means one of them is
 * wrong or the key was revoked, which APNs does not tell apart (the ids' findings can).
 */
export async function probeProviderToken(
  credential: ResolvedCredential,
  context: CheckContext,
  idsConfirmed: boolean,
): Promise<CredentialFinding[]> {
  const seen = new Map<string, string>();
  for (const profile of context.profiles) {
    if (!seen.has(profile.environment)) seen.set(profile.environment, String(profile.defaults['topic'] ?? ''));
  }
  const findings: CredentialFinding[] = [];
  for (const [environment, topic] of seen) {
    const request = apnsSendSchema.parse({
      provider: 'apns',
      credential: credential.meta.id,
      environment,
      target: PROBE_DEVICE,
      options: { pushType: 'background', priority: 5, topic, port: 443 },
      payload: '{"aps":{"content-available":1}}',
    });
    const local = environment === 'local' ? context.local : null;
    // Its own caches: the probe signs afresh and leaves the sends' tokens and connections alone.
    const result = await sendApns(
      request,
      { transport: context.transport, credential, local },
      new ApnsJwtCache(() => context.now),
      new ApnsRequestBuilder(),
    );
    const where = environment === 'local' ? 'the local APNs emulator' : `APNs ${environment}`;
    const answer = `${where} answered ${result.status ?? 'nothing'}${result.reason ? ` ${result.reason}` : ''}`;
    const title = `Provider token (${environment})`;
    if (result.status === null) {
      findings.push(
        warning(title, `Not proven: ${where} could not be reached (${result.explanation ?? 'no answer'}).`),
      );
    } else if (result.reason === 'InvalidProviderToken') {
      findings.push(
        problem(
          title,
          idsConfirmed
            ? `${answer}. The key id matches its AuthKey file and the ids are well formed, so the key was most likely revoked (or the team id is not the key's team).`
            : `${answer}: the key id or team id is not this key's, or the key was revoked; APNs does not say which.`,
          idsConfirmed
            ? 'Check the key under Keys in the Apple Developer portal; if it is revoked, create a new one.'
            : 'Fix the key id or team id above first, then check again.',
        ),
      );
    } else if (result.reason && /^BadEnvironmentKey/.test(result.reason)) {
      findings.push(
        problem(
          title,
          `${answer}: the key is restricted to the other environment.`,
          'Use a key for both environments, or change the profile’s environment.',
        ),
      );
    } else if (result.reason && AUTH_REASONS.has(result.reason)) {
      findings.push(problem(title, `${answer}.`, result.hint ?? ''));
    } else {
      findings.push(
        ok(
          title,
          `${answer} to a made-up device token (reaching nobody): the provider token was accepted, so key id, team id and key are valid.`,
        ),
      );
    }
  }
  return findings;
}
