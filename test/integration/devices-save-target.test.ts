import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { createTestCore } from '../support/core-harness';

/**
 * `devices.save` through the dispatcher (as the CLI and browser mode call it) runs the provider's
 * target check, so no caller can save a target the device editor would refuse.
 */
describe('devices.save checks the target for its provider', () => {
  let dir: string;
  let core: Core;
  const caller = { transport: 'cli' as const, trusted: true };
  const device = (provider: 'apns' | 'wns', target: string) => ({
    label: 'Phone',
    provider,
    platform: 'other' as const,
    environment: 'production' as const,
    target,
    tags: [],
    notes: '',
    fields: {},
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'devices-save-target-'));
    core = await createTestCore(dir);
  });

  afterAll(async () => {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a short APNs token in words naming APNs and the problem, and saves nothing', async () => {
    const answer = await core.dispatch('devices.save', device('apns', 'abc123'), caller);
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'This APNs target cannot be saved: An APNs device token is at least 64 hex characters in whole bytes; this one has 6.',
      },
    });
    expect(await core.devices.list()).toEqual([]);
  });

  it('refuses a WNS channel that is not an https URL on a WNS host', async () => {
    const answer = await core.dispatch('devices.save', device('wns', 'http://example.com/channel'), caller);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toMatch(/^This WNS target cannot be saved: \S/);
  });

  it('refuses a Live Activity kind without what it needs, and a hex token as a channel, in words', async () => {
    const noActivity = await core.dispatch(
      'devices.save',
      { ...device('apns', 'cd'.repeat(32)), kind: 'update', attributesType: 'DeliveryAttributes' },
      caller,
    );
    expect(noActivity).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'This device cannot be saved: An update token belongs to one activity; enter its activity id (ActivityKit’s activity.id).',
      },
    });
    const hexChannel = await core.dispatch(
      'devices.save',
      { ...device('apns', 'cd'.repeat(32)), kind: 'channel', attributesType: 'ScoreAttributes' },
      caller,
    );
    expect(hexChannel.ok).toBe(false);
    if (!hexChannel.ok)
      expect(hexChannel.error.message).toMatch(
        /^This APNs target cannot be saved: This is a hex device token, not a channel id/,
      );
    const channel = await core.dispatch(
      'devices.save',
      { ...device('apns', 'dHN0LXNydnItY2hubA=='), kind: 'channel', attributesType: 'ScoreAttributes' },
      caller,
    );
    expect(channel).toMatchObject({
      ok: true,
      value: { device: { kind: 'channel', attributesType: 'ScoreAttributes' } },
    });
    await core.dispatch('devices.remove', { ids: [(await core.devices.list())[0]!.id] }, caller);
    expect(await core.devices.list()).toEqual([]);
  });

  it('saves a well-formed APNs token', async () => {
    const answer = await core.dispatch('devices.save', device('apns', 'ab'.repeat(32)), caller);
    expect(answer).toMatchObject({ ok: true, value: { updated: false } });
    expect((await core.devices.list()).map((d) => d.target)).toEqual(['ab'.repeat(32)]);
  });
});
