import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { generateVapidKeys } from '../../main/core/providers/webpush/vapid';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWebpushEmulator, type RunningWebpushEmulator } from '../../main/emulators/webpush';
import type { SendResult } from '../../shared/domain/send-result';
import { firstCause } from '../support/doctor';
import { createTestCore } from '../support/core-harness';

/** Each Web Push failure the doctor explains, from the emulator's answer: the first cause and what it quotes. */
const ca = LocalCa.create('Web Push doctor test CA');
const keys = generateVapidKeys();
let dir: string;
let emulator: RunningWebpushEmulator;
let core: Core;
let credentialId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-webpush-'));
  emulator = await startWebpushEmulator({ ca });
  core = await createTestCore(dir);
  await publishLocalEnvironment(core.dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ca: ca.certPem,
    webpush: { baseUrl: emulator.baseUrl },
    admin: { webpush: emulator.adminUrl },
  });
  credentialId = (
    await core.credentials.import({ kind: 'vapid', privateKey: keys.privateKey, subject: 'mailto:dev@localhost' })
  ).id;
});
afterAll(async () => {
  await core.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

async function send(target: string, payload = '{"title":"doctor"}'): Promise<SendResult> {
  const { result } = await core.sender.send(
    { provider: 'webpush', credential: credentialId, environment: 'local', target, options: {}, payload },
    { ignorePreflight: true },
  );
  return result;
}

describe('Web Push failures, diagnosed from their own exchange', () => {
  it('403 for a VAPID sub on localhost: the subject, quoting the sub claim', async () => {
    emulator.setCheck('vapid.localhostSubject', true);
    try {
      const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
      const result = await send(JSON.stringify(browser.subscription));
      expect(result.status).toBe(403);
      const cause = firstCause(result);
      expect(cause.id).toBe('webpush.forbidden.sub');
      expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'sub', quote: 'mailto:dev@localhost' });
      expect(cause.evidence.find((e) => e.source === 'response body')?.quote).toMatch(/localhost/);
    } finally {
      emulator.setCheck('vapid.localhostSubject', false);
    }
  });

  it('410: gone, safe to delete; 404: an endpoint the service does not know', async () => {
    const expired = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    emulator.expireSubscription(expired.id);
    const gone = firstCause(await send(JSON.stringify(expired.subscription)));
    expect(gone.id).toBe('webpush.gone');
    expect(gone.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '410' });

    const removed = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    emulator.removeSubscription(removed.id);
    const unknown = firstCause(await send(JSON.stringify(removed.subscription)));
    expect(unknown.id).toBe('webpush.not-found');
    expect(unknown.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '404' });
  });
});
