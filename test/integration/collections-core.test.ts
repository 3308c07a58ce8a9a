import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { formatRequest } from '../../shared/collections/format';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { createTestCore } from '../support/core-harness';

const POSTMAN = join(import.meta.dirname, '../fixtures/postman/push-calls.postman_collection.json');

// The contract calls a Collections screen would make, through the dispatcher, against the real
// emulators and the sandbox "Try it locally" sets up.
describe('collections through the contract', () => {
  let dir: string;
  let core: Core;

  const dispatch = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const reply = await core.dispatch(name, input, { transport: 'test', trusted: true });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.value as CallOutput<N>;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pc-collections-core-'));
    core = await createTestCore(dir);
    for (const step of await dispatch('sandbox.init', {})) expect(step, step.message).toMatchObject({ ok: true });
  }, 60_000);

  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves a past send as a request naming its credential and device, that runs and passes again', async () => {
    const device = (await core.devices.list()).find((d) => d.label === 'Sandbox iPhone')!;
    const sendId = randomUUID();
    const sent = await dispatch('send.run', {
      sendId,
      request: {
        provider: 'apns',
        credential: (await core.profiles.list()).find((p) => p.name === 'Sandbox apns (local)')!.credentialId,
        environment: 'local',
        target: device.target,
        options: { topic: 'dev.pushconsole.sandbox' },
        payload: '{"aps":{"alert":"From history"}}',
      },
    });
    expect(sent.result.outcome).toBe('accepted');

    const saved = await dispatch('collections.saveFromHistory', { name: 'regressions', sendId: sent.result.id });
    expect(saved.request).toMatchObject({
      provider: 'apns',
      credential: 'Sandbox APNs key',
      environment: 'local',
      device: 'Sandbox iPhone',
      options: { topic: 'dev.pushconsole.sandbox' },
      payload: { aps: { alert: 'From history' } },
      assert: [{ outcome: 'accepted' }, { status: 200 }],
    });
    expect(JSON.stringify(saved.request)).not.toContain(device.target);
    const file = join(core.workspaceDir, 'collections', 'regressions', saved.file);
    expect(readFileSync(file, 'utf8')).toBe(formatRequest(saved.request));

    await dispatch('collections.save', {
      name: 'regressions',
      file: 'later/delivered.json',
      request: {
        provider: 'apns',
        profile: 'Sandbox apns (local)',
        device: 'Sandbox iPhone',
        payload: { aps: { alert: '{{vars.word}}' } },
        assert: [{ delivered: { path: '$.aps.alert', equals: 'chained' } }],
      },
    });
    expect(await dispatch('collections.list', {})).toEqual([
      { name: 'regressions', title: 'regressions', requests: 2 },
    ]);
    const read = await dispatch('collections.read', { name: 'regressions' });
    expect(read.items.map((item) => item.path)).toEqual([saved.file, 'later/delivered.json']);

    const report = await dispatch('collections.run', { name: 'regressions', vars: { word: 'chained' } });
    expect(report.requests.map((r) => [r.path, r.verdict, r.checks.filter((c) => !c.ok)])).toEqual([
      [saved.file, 'passed', []],
      ['later/delivered.json', 'passed', []],
    ]);
    // A rerun of some: only those are sent, in the collection's order; a path it lacks is refused.
    const before = (await dispatch('history.list', { limit: 50 })).items.length;
    const only = await dispatch('collections.run', {
      name: 'regressions',
      vars: { word: 'chained' },
      only: ['later/delivered.json'],
    });
    expect(only.requests.map((r) => [r.path, r.verdict])).toEqual([['later/delivered.json', 'passed']]);
    expect((await dispatch('history.list', { limit: 50 })).items.length).toBe(before + 1);
    await expect(
      dispatch('collections.run', { name: 'regressions', only: ['gone.json', saved.file] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no request gone.json') });
    const history = await dispatch('history.list', { limit: 10 });
    expect(history.items.map((item) => item.id)).toEqual(
      expect.arrayContaining(report.requests.map((r) => r.result!.sendId)),
    );
  }, 60_000);

  it('imports a Postman collection, says what it left out, and the imported APNs and FCM calls run locally', async () => {
    const imported = await dispatch('collections.importPostman', {
      name: 'from-postman',
      postman: readFileSync(POSTMAN, 'utf8'),
    });
    expect(imported.written).toHaveLength(4);
    expect(imported.skipped.map((skip) => skip.item)).toEqual(['Web Push', 'Health check', 'APNs alert (sandbox)']);
    const devices = await core.devices.list();
    const target = (label: string) => devices.find((d) => d.label === label)!.target;
    const vars = {
      apnsCredential: 'Sandbox APNs key',
      fcmCredential: 'Sandbox FCM service account',
      deviceToken: target('Sandbox iPhone'),
      fcmToken: target('Sandbox Android'),
      wnsCredential: 'Sandbox WNS app',
      channelToken: 'x',
      nhubCredential: 'Sandbox Notification Hub',
    };
    const report = await dispatch('collections.run', { name: 'from-postman', environment: 'local', vars });
    const verdicts = Object.fromEntries(report.requests.map((r) => [r.provider, r.verdict]));
    expect(verdicts['apns'], JSON.stringify(report.requests[0])).toBe('passed');
    expect(verdicts['fcm'], JSON.stringify(report.requests[1])).toBe('passed');
    await expect(
      dispatch('collections.importPostman', { name: 'from-postman', postman: readFileSync(POSTMAN, 'utf8') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  }, 60_000);

  it('refuses a collection name or file that would leave the collections folder', async () => {
    await expect(dispatch('collections.read', { name: '../ws' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      dispatch('collections.save', {
        name: 'x',
        file: '../../escape.json',
        request: { provider: 'fcm', credential: 'c', target: 't' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
