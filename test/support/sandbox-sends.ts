import type { Core } from '../../main/core/core';
import type { SendResult } from '../../shared/domain/send-result';
import { sendRequestSchema, type SendRequest } from '../../shared/domain/send-request';

/**
 * Sends each provider's sandbox draft as "Try it locally" left it (its profile's credential and
 * defaults, the draft's target, options and payload), parsed as the dispatcher parses a window's
 * send so the options' defaults apply. Returns each provider's result.
 */
export async function sendSandboxDrafts(
  core: Core,
  providers: readonly SendRequest['provider'][],
  /** Another target than the draft's (a device added later), per provider. */
  targets: Partial<Record<SendRequest['provider'], string>> = {},
): Promise<Array<{ provider: SendRequest['provider']; result: SendResult }>> {
  const drafts = (await core.drafts.load()).drafts;
  const profiles = await core.profiles.list();
  const results: Array<{ provider: SendRequest['provider']; result: SendResult }> = [];
  for (const provider of providers) {
    const draft = drafts[provider]!;
    const profile = profiles.find((p) => p.id === draft.profileId)!;
    const { result } = await core.sender.send(
      sendRequestSchema.parse({
        provider,
        credential: profile.credentialId,
        environment: 'local',
        target: targets[provider] ?? draft.target,
        options: { ...profile.defaults, ...draft.options },
        payload: draft.payload,
      }),
    );
    results.push({ provider, result });
  }
  return results;
}
