import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { generateVapidKeys } from '../../main/core/providers/webpush/vapid';
import { BulkRun } from '../../main/core/send/bulk';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWebpushEmulator, type RunningWebpushEmulator } from '../../main/emulators/webpush';
import type { SendResult } from '../../shared/domain/send-result';
import { firstCause } from '../support/doctor';
import { createTestCore } from '../support/core-harness';

/**
 * A bulk run with recording off keeps no exchange: its failures are diagnosed from the result,
 * the request and the credential alone, and must not rank a cause the missing JWT would suggest.
 */
const ca = LocalCa.create('Unrecorded doctor test CA');
const keys = generateVapidKeys();
let dir: string;
let emulator: RunningWebpushEmulator;
let core: Core;
let credentialId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-unrecorded-'));
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
    await core.credentials.import({ kind: 'vapid', privateKey: keys.privateKey, subject: 'mailto:dev@example.com' })
  ).id;
});
afterAll(async () => {
  await core.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('bulk failures with recording off', () => {
  it('get the diagnosis their status, request and credential allow: the key for a 403, gone for a 410', async () => {
    const otherKey = emulator.createSubscription({ applicationServerKey: generateVapidKeys().publicKey });
    const expired = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    emulator.expireSubscription(expired.id);
    const results: SendResult[] = [];
    const run = new BulkRun(
      core.sender,
      core.events,
      {
        provider: 'webpush',
        credential: credentialId,
        environment: 'local',
        target: '',
        options: { ttl: 60 },
        payload: '{"title":"unrecorded"}',
      },
      [{ target: JSON.stringify(otherKey.subscription) }, { target: JSON.stringify(expired.subscription) }],
      { concurrency: 1, record: false, maxAttempts: 1, onFinal: (_item, result) => results.push(result) },
    );
    await run.run();
    const [forbidden, gone] = [403, 410].map((status) => results.find((r) => r.status === status)!) as [
      SendResult,
      SendResult,
    ];
    // Nothing recorded: the subject comes from the credential. Not "the subject is not a contact (sub: none)": the credential's subject is a real one.
    const cause = firstCause(forbidden);
    expect(cause.id).toBe('webpush.forbidden.key');
    expect(cause.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '403' });
    const sub = forbidden.diagnosis!.causes.find((c) => c.id === 'webpush.forbidden.sub')!;
    expect(sub.likelihood).toBe('possible');
    expect(sub.evidence).toContainEqual({ source: 'credential', name: 'subject', quote: 'mailto:dev@example.com' });
    expect(sub.evidence).toContainEqual({
      source: 'request',
      name: 'endpoint origin',
      quote: new URL(otherKey.subscription.endpoint).origin,
    });

    expect(firstCause(gone).id).toBe('webpush.gone');
    expect(firstCause(gone).evidence).toContainEqual({ source: 'response header', name: ':status', quote: '410' });
  });
});
