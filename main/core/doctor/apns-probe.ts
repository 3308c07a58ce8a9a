import type { ApnsProbe } from '../../../shared/contract/token-doctor';
import type { SendRequestOf } from '../../../shared/domain/send-request';
import { AppError } from '../../../shared/errors';
import type { Core } from '../core';
import { APNS_HOSTS } from '../providers/apns/request';
import type { PreparedSend } from '../send/sender';

export interface ApnsProbeInput {
  token: string;
  credentialId: string;
  topic?: string | undefined;
  where: 'apple' | 'local';
}

type Attempt = ApnsProbe['attempts'][number];

/** The silent push the probe sends: it wakes the app in the background and shows nothing. */
export const PROBE_PAYLOAD = JSON.stringify({ aps: { 'content-available': 1 } });

const ORDER = ['sandbox', 'production'] as const;

/**
 * Which environment an APNs token is for, from how each host answers a real silent push:
 * APNs refuses a token of the other environment with 400 BadDeviceToken and takes its own with
 * 200. Sandbox goes first (a development build's token is the usual question), production only
 * when sandbox refused the token. Each push is an ordinary send: recorded, in history, diagnosed.
 */
export async function probeApnsEnvironment(core: Core, input: ApnsProbeInput): Promise<ApnsProbe> {
  const topic = input.topic?.trim() || (await profileTopic(core, input.credentialId));
  const request = (environment: 'sandbox' | 'production'): SendRequestOf<'apns'> => ({
    provider: 'apns',
    credential: input.credentialId,
    environment: input.where === 'local' ? 'local' : environment,
    target: input.token.replace(/\s+/g, ''),
    options: { pushType: 'background', priority: 5, port: 443, ...(topic ? { topic } : {}) },
    payload: PROBE_PAYLOAD,
  });
  const prepared = input.where === 'local' ? await localHosts(core, request('sandbox')) : null;
  const attempts: Attempt[] = [];
  for (const environment of ORDER) {
    const options = prepared ? { prepared: prepared[environment] } : {};
    const { result } = await core.sender.send(request(environment), options);
    const host = prepared ? new URL(prepared[environment].local!.apns!).host : APNS_HOSTS[environment];
    attempts.push({
      environment,
      host,
      status: result.status ?? null,
      reason: result.reason ?? null,
      resultId: result.id,
    });
    if (result.reason !== 'BadDeviceToken') break;
  }
  return { ...verdict(attempts, input.where), attempts };
}

function said(attempt: Attempt): string {
  const answer = [attempt.status ?? 'no answer', attempt.reason].filter(Boolean).join(' ');
  return `${attempt.environment} (${attempt.host}) answered ${answer}`;
}

function verdict(attempts: Attempt[], where: ApnsProbeInput['where']): Pick<ApnsProbe, 'belongsTo' | 'verdict'> {
  const last = attempts.at(-1)!;
  const before = attempts.length > 1 ? `${said(attempts[0]!)}; ` : '';
  if (last.status === 200)
    return {
      belongsTo: last.environment,
      verdict: `The token is for ${last.environment}: ${before}${said(last)}. ${advice(last.environment, where)}`,
    };
  if (last.reason === 'BadDeviceToken')
    return {
      belongsTo: null,
      verdict:
        `Neither environment knows the token: ${before}${said(last)}. It is malformed, no longer valid, ` +
        'or not a device token of an app this credential’s team can send to.',
    };
  if (last.reason === 'DeviceTokenNotForTopic')
    return {
      belongsTo: last.environment,
      verdict: `The token is for ${last.environment}, but for another app: ${before}${said(last)}. Check the topic (bundle id).`,
    };
  return {
    belongsTo: null,
    verdict: `The probe stopped: ${before}${said(last)}, which says nothing about the token. Fix that first, then probe again.`,
  };
}

function advice(environment: Attempt['environment'], where: ApnsProbeInput['where']): string {
  if (where === 'apple') return `Send to it with a ${environment} profile.`;
  return environment === 'sandbox'
    ? 'Local profiles send to the emulator’s sandbox host, so they reach it.'
    : 'Local profiles send to the emulator’s sandbox host, which refuses it; register the device for sandbox there.';
}

/** The topic a profile of this credential sends with, so a .p8 key (which names no bundle id) needs no typing. */
async function profileTopic(core: Core, credentialId: string): Promise<string | undefined> {
  const profiles = await core.profiles.list();
  const topic = profiles.find((p) => p.credentialId === credentialId && typeof p.defaults['topic'] === 'string')
    ?.defaults['topic'];
  return typeof topic === 'string' && topic.trim() ? topic.trim() : undefined;
}

/** The local emulator serves each environment on a host of its own; `local` sends go to its sandbox host. */
async function localHosts(
  core: Core,
  request: SendRequestOf<'apns'>,
): Promise<Record<'sandbox' | 'production', PreparedSend>> {
  const sandbox = await core.sender.prepare(request);
  const production = sandbox.local?.production?.['apns'];
  if (!sandbox.local?.apns || !production)
    throw new AppError(
      'LOCAL_NOT_RUNNING',
      'The local APNs emulator is not running with its production host.',
      'Start the emulators (push-console emulators start) with APNs included.',
    );
  return { sandbox, production: { ...sandbox, local: { ...sandbox.local, apns: production } } };
}
