import type { CallOutput } from '../../shared/contract';
import { emulatedActivitySchema } from '../../shared/contract/emulators';
import { AppError } from '../../shared/errors';
import { readLocalEnvironment, type LocalEnvironment } from '../core/local/local-env';
import type { LocalHost } from '../core/local/local-services';
import { adminCall } from '../emulators/admin-client';
import { BUNDLE_ID } from './sandbox/apns';
import { EMULATED_TAG } from './sandbox/types';

/** Devices holding a push-to-start token carry this tag beside `emulated`. */
export const PUSH_TO_START_TAG = 'push-to-start';

async function environment(dataDir: string): Promise<LocalEnvironment> {
  const env = await readLocalEnvironment(dataDir);
  if (!env?.admin.apns) {
    throw new AppError(
      'LOCAL_NOT_RUNNING',
      'The local APNs emulator is not running.',
      'Press “Start emulators” first.',
    );
  }
  return env;
}

/** The APNs emulator's emulated Live Activities, wherever it runs (this app or `emulators start`). */
export async function listLiveActivities(dataDir: string): Promise<CallOutput<'emulators.liveActivities'>> {
  const listed = await adminCall<unknown[]>(await environment(dataDir), 'apns', 'GET', '/__admin/activities');
  return listed.map((activity) => emulatedActivitySchema.parse(activity));
}

/** A new update token for the activity (ActivityKit's token rotation); the old one answers 410. */
export async function rotateActivityToken(
  dataDir: string,
  activityId: string,
): Promise<CallOutput<'emulators.rotateActivityToken'>> {
  const env = await environment(dataDir);
  const known = await listLiveActivities(dataDir);
  if (!known.some((activity) => activity.activityId === activityId)) {
    throw new AppError(
      'NOT_FOUND',
      `The APNs emulator has no Live Activity ${activityId}.`,
      'It may have been made by an emulator run whose state was reset; start one again.',
    );
  }
  return adminCall(env, 'apns', 'POST', `/__admin/activities/${encodeURIComponent(activityId)}/rotate`);
}

/**
 * The sandbox app's push-to-start token for one attributes type, saved to Devices (once: the
 * emulator keeps one per type, and the device with its token is updated rather than doubled).
 */
export async function addPushToStartToken(
  core: LocalHost,
  attributesType: string,
): Promise<CallOutput<'sandbox.addPushToStartToken'>> {
  const env = await environment(core.dataDir);
  const token = await adminCall<{ token: string }>(env, 'apns', 'POST', '/__admin/push-to-start-tokens', {
    bundleId: BUNDLE_ID,
    attributesType,
    environment: 'sandbox',
  });
  const label = `Push-to-start ${attributesType}`;
  const outcome = await core.devices.save({
    label,
    provider: 'apns',
    platform: 'ios',
    environment: 'local',
    target: token.token,
    kind: 'push-to-start',
    attributesType,
    tags: [EMULATED_TAG, PUSH_TO_START_TAG],
    notes: `The sandbox app’s push-to-start token for ${attributesType} on the local APNs emulator: a Live Activity start sent to it starts an emulated activity.`,
  });
  return { label, target: token.token, added: !outcome.updated };
}
