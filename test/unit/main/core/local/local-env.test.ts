import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  publishLocalEnvironment,
  readLocalEnvironment,
  type LocalEnvironment,
} from '../../../../../main/core/local/local-env';

const dir = mkdtempSync(join(tmpdir(), 'pc-local-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local environment file', () => {
  it('is never seen half written by a client reading while it is republished', async () => {
    const env = (n: number): LocalEnvironment => ({
      pid: process.pid,
      startedAt: new Date(n).toISOString(),
      ca: `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64 * 1024)}\n-----END CERTIFICATE-----\n`,
      admin: { apns: `http://127.0.0.1:${1000 + n}` },
    });
    await publishLocalEnvironment(dir, env(0));
    let missed = 0;
    const reads = async () => {
      for (let i = 0; i < 150; i++) if ((await readLocalEnvironment(dir)) === null) missed++;
    };
    const writes = async () => {
      for (let i = 1; i <= 60; i++) await publishLocalEnvironment(dir, env(i));
    };
    await Promise.all([writes(), reads(), reads()]);
    expect(missed).toBe(0);
  });
});
