import { describe, expect, it } from 'vitest';
import type { SendResult } from '../../../../../shared/domain/send-result';
import type { SendRequest } from '../../../../../shared/domain/send-request';
import { EventBus } from '../../../../../main/core/events';
import { BulkRun } from '../../../../../main/core/send/bulk';
import { Sender } from '../../../../../main/core/send/sender';
import type { ProviderModule, ProviderModules } from '../../../../../main/core/providers/types';
import type { Transport } from '../../../../../main/core/transport/types';

// A scripted APNs provider: the bulk engine's accounting is what is under test here; the same
// engine runs against the real emulators in test/integration.
function scripted(answer: (target: string, attempt: number) => Partial<SendResult>) {
  const attempts = new Map<string, number>();
  const sent: string[] = [];
  const provider: ProviderModule<'apns'> = {
    id: 'apns',
    credentialKinds: ['apns-token'],
    preflight: () => [],
    testCredential: () => Promise.reject(new Error('the bulk engine never tests credentials')),
    send: async (request) => {
      const n = (attempts.get(request.target) ?? 0) + 1;
      attempts.set(request.target, n);
      sent.push(request.payload);
      await new Promise((r) => setTimeout(r, 1));
      return {
        id: `${request.target}-${n}`,
        provider: 'apns',
        target: request.target,
        outcome: 'accepted',
        status: 200,
        reason: null,
        explanation: null,
        hint: null,
        messageIds: {},
        retryable: false,
        deviceStateChange: null,
        exchangeIds: [],
        durationMs: 1,
        startedAt: new Date().toISOString(),
        ...answer(request.target, n),
      };
    },
  };
  return { provider, attempts, sent };
}

function setup(provider: ProviderModule<'apns'>) {
  const events = new EventBus();
  const transport: Transport = { request: async () => ({}) as never, close: async () => {} };
  const sender = new Sender({
    providers: { apns: provider } as unknown as ProviderModules,
    credentials: {
      resolve: async () => ({
        meta: { id: 'c', kind: 'apns-token', label: 'k', createdAt: '', metadata: {}, warnings: [] },
        secret: { kind: 'apns-token', keyPem: '', keyId: 'K', teamId: 'T' },
      }),
    } as never,
    transport,
    events,
    dataDir: '/nonexistent',
  });
  return { events, sender };
}

const request = {
  provider: 'apns',
  credential: 'c',
  environment: 'sandbox',
  target: '',
  options: { pushType: 'alert' },
  payload: '{"aps":{"badge":{{device.badge}}}}',
} as SendRequest;

const targets3 = () => ['t0', 't1', 't2'].map((target) => ({ target, vars: { badge: '1' } }));

describe('BulkRun', () => {
  it('gives every target exactly one final result, retrying retryable failures', async () => {
    const { provider, attempts } = scripted((target, n) => {
      const i = Number(target.slice(1));
      if (i % 10 === 0 && n < 3) return { outcome: 'failed', status: 503, retryable: true, retryAfterSeconds: null };
      if (i % 7 === 0) return { outcome: 'rejected', status: 400, reason: 'BadDeviceToken' };
      return {};
    });
    const { events, sender } = setup(provider);
    const finals: string[] = [];
    events.subscribe((name, payload) => {
      if (name === 'send.result') finals.push((payload as SendResult).target);
    });
    const targets = Array.from({ length: 300 }, (_, i) => ({ target: `t${i}`, vars: { badge: String(i) } }));
    const run = new BulkRun(sender, events, request, targets, { concurrency: 25, retryBaseMs: 1 });
    const progress = await run.run();
    expect(progress.state).toBe('done');
    expect(progress.done).toBe(300);
    expect(finals).toHaveLength(300);
    expect(new Set(finals).size).toBe(300);
    expect(attempts.get('t10')).toBe(3);
    expect(progress.rejected).toBe(targets.filter((_, i) => i % 7 === 0).length);
    expect(progress.accepted + progress.rejected + progress.failed).toBe(300);
  });

  it('says each final result once as send.completed, with the request that produced it, before send.result', async () => {
    const { provider } = scripted((target, n) =>
      target === 't0' && n < 3 ? { outcome: 'failed', status: 503, retryable: true, retryAfterSeconds: null } : {},
    );
    const { events, sender } = setup(provider);
    const heard: Array<[string, string, string | null]> = [];
    events.on('send.completed', ({ request, result }) =>
      heard.push(['completed', result.id, request ? `${request.target} ${request.payload}` : null]),
    );
    events.on('send.result', (result) => heard.push(['result', result.id, null]));
    const targets = [...targets3(), { target: 't3' }];
    await new BulkRun(sender, events, request, targets, { concurrency: 1, retryBaseMs: 1 }).run();
    expect(heard).toEqual([
      // t0's two retried attempts are not results: only its third, final one is said.
      ['completed', 't0-3', 't0 {"aps":{"badge":1}}'],
      ['result', 't0-3', null],
      ['completed', 't1-1', 't1 {"aps":{"badge":1}}'],
      ['result', 't1-1', null],
      ['completed', 't2-1', 't2 {"aps":{"badge":1}}'],
      ['result', 't2-1', null],
      // Never sent (no value for {{device.badge}}): a result with no request behind it.
      ['completed', expect.any(String), null],
      ['result', expect.any(String), null],
    ]);
    expect(heard[6]![1]).toBe(heard[7]![1]);

    heard.length = 0;
    const single = { ...request, target: 'one', payload: '{}' } as SendRequest;
    await sender.send(single);
    expect(heard).toEqual([
      ['completed', 'one-1', 'one {}'],
      ['result', 'one-1', null],
    ]);
  });

  it('retries a dropped connection (maybe processed) by default, and not when told to stay at-most-once', async () => {
    const answer = (target: string, n: number): Partial<SendResult> =>
      target === 't1' && n === 1
        ? { outcome: 'failed', status: null, reason: 'CONNECTION_RESET', retryable: false }
        : target === 't2'
          ? { outcome: 'failed', status: null, reason: 'TIMEOUT', retryable: false }
          : {};
    const atLeastOnce = scripted(answer);
    const first = setup(atLeastOnce.provider);
    const run = new BulkRun(first.sender, first.events, request, targets3(), { retryBaseMs: 1 });
    expect(await run.run()).toMatchObject({ accepted: 2, failed: 1 });
    expect(atLeastOnce.attempts.get('t1')).toBe(2);
    // A timeout is not a reset: the engine does not guess about it.
    expect(atLeastOnce.attempts.get('t2')).toBe(1);

    const atMostOnce = scripted(answer);
    const second = setup(atMostOnce.provider);
    const strict = new BulkRun(second.sender, second.events, request, targets3(), {
      retryBaseMs: 1,
      retryAmbiguous: false,
    });
    expect(await strict.run()).toMatchObject({ accepted: 1, failed: 2 });
    expect(atMostOnce.attempts.get('t1')).toBe(1);
    expect(strict.results(0, 10, { retryable: true }).items.map((item) => item.target)).toEqual([]);
  });

  it('marks a failure that used up its attempts as retryable, for the retry action', async () => {
    const { provider, attempts } = scripted((target) =>
      target === 't1'
        ? { outcome: 'failed', status: null, reason: 'Shutdown', retryable: false, details: { goaway: '{}' } }
        : {},
    );
    const { events, sender } = setup(provider);
    const run = new BulkRun(sender, events, request, targets3(), { retryBaseMs: 1, maxAttempts: 3 });
    await run.run();
    expect(attempts.get('t1')).toBe(3);
    expect(run.results(0, 10, { retryable: true }).items).toMatchObject([
      { target: 't1', attempts: 3, retryable: true },
    ]);
  });

  it('substitutes {{device.field}} per target and refuses a missing one', async () => {
    const { provider, sent } = scripted(() => ({}));
    const { events, sender } = setup(provider);
    const run = new BulkRun(sender, events, request, [
      { target: 'a', vars: { badge: '3' } },
      { target: 'b', vars: {} },
    ]);
    const progress = await run.run();
    expect(sent).toEqual(['{"aps":{"badge":3}}']);
    expect(progress.failed).toBe(1);
    expect(run.results(0, 10, { outcome: 'failed' }).items[0]).toMatchObject({ target: 'b', reason: 'MISSING_FIELD' });
  });

  it('stops on cancel, and the unsent targets still end with one result each', async () => {
    const { provider } = scripted(() => ({}));
    const { events, sender } = setup(provider);
    const targets = Array.from({ length: 500 }, (_, i) => ({ target: `t${i}`, vars: { badge: '1' } }));
    const run = new BulkRun(sender, events, request, targets, { concurrency: 5 });
    const done = run.run();
    await new Promise((r) => setTimeout(r, 20));
    run.cancel();
    const progress = await done;
    expect(progress.state).toBe('cancelled');
    expect(progress.done).toBe(500);
    expect(progress.accepted).toBeLessThan(500);
    expect(run.results(0, 1000, { outcome: 'failed' }).items.every((i) => i.reason === 'CANCELLED')).toBe(true);
  });

  it('pauses and resumes', async () => {
    const { provider } = scripted(() => ({}));
    const { events, sender } = setup(provider);
    const targets = Array.from({ length: 200 }, (_, i) => ({ target: `t${i}`, vars: { badge: '1' } }));
    const run = new BulkRun(sender, events, request, targets, { concurrency: 2 });
    const done = run.run();
    await new Promise((r) => setTimeout(r, 10));
    run.pause();
    await new Promise((r) => setTimeout(r, 30));
    const during = run.progress().done;
    await new Promise((r) => setTimeout(r, 30));
    expect(run.progress().done).toBeLessThanOrEqual(during + 2);
    expect(run.state).toBe('paused');
    run.resume();
    expect((await done).done).toBe(200);
  });
});
