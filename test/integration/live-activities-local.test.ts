import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { CallName, CallInput, CallOutput } from '../../shared/contract';
import { sendRequestSchema } from '../../shared/domain/send-request';
import { createTestCore } from '../support/core-harness';

const T0 = 1_767_225_600;

// The Emulators screen's Live Activity calls against the real APNs emulator in this process: a
// push-to-start token saved to Devices, a start sent to it through the one send path, the activity
// listed, its token rotated, and the old one answered as Apple would.
describe('Live Activities of the local APNs emulator through the contract', () => {
  let dir: string;
  let core: Core;

  const dispatch = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const reply = await core.dispatch(name, input, { transport: 'test', trusted: true });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.value as CallOutput<N>;
  };
  const send = async (target: string, aps: Record<string, unknown>) => {
    const profile = (await core.profiles.list()).find((p) => p.environment === 'local' && p.provider === 'apns')!;
    const { result } = await core.sender.send(
      sendRequestSchema.parse({
        provider: 'apns',
        credential: profile.credentialId,
        environment: 'local',
        target,
        options: { pushType: 'liveactivity', topic: 'dev.pushconsole.sandbox', priority: 5 },
        payload: JSON.stringify({ aps }),
      }),
    );
    return result;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pc-live-'));
    core = await createTestCore(dir);
  });

  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the emulator is not running before it is', async () => {
    await expect(dispatch('emulators.liveActivities', {})).rejects.toMatchObject({ code: 'LOCAL_NOT_RUNNING' });
  });

  it('saves a push-to-start token, starts an activity with it, lists it and rotates its token', async () => {
    for (const step of await dispatch('sandbox.init', {})) expect(step, step.message).toMatchObject({ ok: true });
    const token = await dispatch('sandbox.addPushToStartToken', { attributesType: 'DeliveryAttributes' });
    expect(token).toMatchObject({ label: 'Push-to-start DeliveryAttributes', added: true });
    const again = await dispatch('sandbox.addPushToStartToken', { attributesType: 'DeliveryAttributes' });
    expect(again).toMatchObject({ target: token.target, added: false });
    const saved = (await core.devices.list()).filter((d) => d.target === token.target);
    expect(saved.map((d) => [d.label, d.environment, d.tags, d.kind, d.attributesType])).toEqual([
      [
        'Push-to-start DeliveryAttributes',
        'local',
        ['emulated', 'push-to-start'],
        'push-to-start',
        'DeliveryAttributes',
      ],
    ]);
    await expect(dispatch('sandbox.addPushToStartToken', { attributesType: 'not a type' })).rejects.toMatchObject({
      code: expect.any(String),
    });

    const started = await send(token.target, {
      timestamp: T0,
      event: 'start',
      'attributes-type': 'DeliveryAttributes',
      attributes: { orderId: '7' },
      'content-state': { status: 'Preparing' },
      alert: { title: 'Order 7', body: 'Preparing' },
    });
    expect(started.outcome).toBe('accepted');
    const [activity] = await dispatch('emulators.liveActivities', {});
    expect(activity).toMatchObject({
      attributesType: 'DeliveryAttributes',
      contentState: { status: 'Preparing' },
      lastTimestamp: T0,
      startedBy: token.target,
    });
    const [entry] = await dispatch('emulators.inbox', { provider: 'apns', device: token.target });
    expect(entry!.details).toMatchObject({
      activityId: activity!.activityId,
      liveActivity: { outcome: 'started', updateToken: activity!.token },
    });

    const rotated = await dispatch('emulators.rotateActivityToken', { activityId: activity!.activityId });
    expect(rotated.previousToken).toBe(activity!.token);
    const old = await send(rotated.previousToken, {
      timestamp: T0 + 1,
      event: 'update',
      'content-state': { status: 'x' },
    });
    expect([old.outcome, old.status, old.reason]).toEqual(['rejected', 410, 'ExpiredToken']);
    const fresh = await send(rotated.token, {
      timestamp: T0 + 1,
      event: 'update',
      'content-state': { status: 'On the way' },
    });
    expect(fresh.outcome).toBe('accepted');
    const [now] = await dispatch('emulators.liveActivities', {});
    expect(now).toMatchObject({ token: rotated.token, contentState: { status: 'On the way' } });

    await expect(dispatch('emulators.rotateActivityToken', { activityId: 'gone' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'The APNs emulator has no Live Activity gone.',
    });
  });
});
