import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { generateFixtures, P12_PASSPHRASE, type Fixtures } from '../fixtures/generate';
import { createTestCore } from '../support/core-harness';

/** An expired certificate imports with a warning, but the one send path refuses to use it. */
let dir: string;
let core: Core;
let fx: Fixtures;
const caller = { transport: 'test', trusted: true } as const;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cred-expired-'));
  fx = generateFixtures();
  core = await createTestCore(dir);
}, 60_000);
afterAll(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
  rmSync(fx.dir, { recursive: true, force: true });
});

describe('sending with an expired APNs certificate', () => {
  it('is blocked by send.run with the human error, before any connection', async () => {
    const imported = await core.dispatch(
      'credentials.import',
      {
        kind: 'apns-certificate',
        label: 'Expired push',
        fileBase64: readFileSync(fx.p12Expired).toString('base64'),
        passphrase: P12_PASSPHRASE,
      },
      caller,
    );
    expect(imported).toMatchObject({ ok: true, value: { warnings: [expect.stringMatching(/^Expired on/)] } });
    const exchanges: unknown[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'exchange.recorded') exchanges.push(payload);
    });
    const sent = await core.dispatch(
      'send.run',
      {
        sendId: 'expired-1',
        request: {
          provider: 'apns',
          credential: 'Expired push',
          environment: 'sandbox',
          target: 'ab'.repeat(32),
          payload: '{"aps":{"alert":"hi"}}',
        },
      },
      caller,
    );
    expect(sent).toMatchObject({
      ok: false,
      error: {
        code: 'CREDENTIAL_EXPIRED',
        message: expect.stringMatching(
          /^The certificate "Expired push" expired on \d{4}-\d{2}-\d{2}; renew it in the Apple Developer portal\.$/,
        ),
      },
    });
    expect(exchanges).toEqual([]);
  });
});
