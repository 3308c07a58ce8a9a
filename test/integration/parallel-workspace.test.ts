import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startEmulators } from '../../main/emulators/run';
import { missingKeyringSession } from '../support/cli-harness';
import { cli, runInKeyringSession, script } from '../support/parallel-processes';
import { describeWithSystem } from '../support/system';

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

// Several real processes changing one workspace at once, as two windows, a server and the CLI
// would: every change each was told it made must be in the files afterwards.
describeWithSystem('one workspace changed by parallel processes', missingKeyringSession(), () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-parallel-ws-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const store = () => ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws')];

  it('keeps every device and profile that four processes importing at once saved', async () => {
    const n = 4;
    const perProcess = 1_000;
    const { runs } = await runInKeyringSession(dir, [
      [
        cli(
          [
            'credentials',
            'add',
            'wns',
            '--package-sid',
            'ms-app://S-1-15-2-9',
            '--secret-stdin',
            '--label',
            'Shared WNS',
            ...store(),
          ],
          'wns-secret',
        ),
      ],
      Array.from({ length: n }, (_, i) =>
        // Batches of 100, so the processes' writes interleave instead of one landing after another.
        script('workspace-writer-child.ts', [
          join(dir, 'data'),
          join(dir, 'ws'),
          `p${i}`,
          String(perProcess),
          '100',
          'Shared WNS',
        ]),
      ),
    ]);
    for (const run of runs) expect(run.code, run.err).toBe(0);
    const told = runs.slice(1).map((run) => JSON.parse(run.out) as { created: number; profile: string });
    expect(told.reduce((sum, t) => sum + t.created, 0)).toBe(n * perProcess);

    const { devices } = readJson<{ devices: Array<{ label: string }> }>(join(dir, 'ws', 'devices.json'));
    expect(devices.length).toBe(n * perProcess);
    expect(new Set(devices.map((d) => d.label)).size).toBe(n * perProcess);
    const { profiles } = readJson<{ profiles: Array<{ id: string }> }>(join(dir, 'ws', 'profiles.json'));
    expect(profiles.map((p) => p.id).sort()).toEqual(told.map((t) => t.profile).sort());
  }, 120_000);

  it('ends three parallel "sandbox init" runs with one demo device, profile and credential per provider', async () => {
    const emulators = await startEmulators({ dataDir: join(dir, 'data') });
    try {
      const { runs, keychainAccounts } = await runInKeyringSession(dir, [
        Array.from({ length: 3 }, () => cli(['sandbox', 'init', '--json', ...store()])),
        [cli(['sandbox', 'init', ...store()])],
      ]);
      // Then once more as a person runs it: the devices file by its full path, commands that run as printed.
      const told = runs.pop()!;
      expect(told.code, told.err).toBe(0);
      expect(told.out).toContain(`the devices are in ${join(dir, 'ws', 'devices.json')}.`);
      expect(told.out).toMatch(/\| npx push-console send apns --credential "Sandbox APNs key" .* --payload -\n/);
      for (const run of runs) {
        expect(run.code, run.err).toBe(0);
        for (const step of JSON.parse(run.out) as Array<{ ok: boolean; message: string }>)
          expect(step, step.message).toMatchObject({ ok: true });
      }
      const providers = ['apns', 'fcm', 'wns', 'webpush', 'nhub'];
      const { devices } = readJson<{ devices: Array<{ provider: string; tags: string[] }> }>(
        join(dir, 'ws', 'devices.json'),
      );
      expect(
        devices
          .filter((d) => d.tags.includes('sandbox'))
          .map((d) => d.provider)
          .sort(),
      ).toEqual([...providers].sort());
      const { profiles } = readJson<{ profiles: Array<{ name: string }> }>(join(dir, 'ws', 'profiles.json'));
      expect(profiles.map((p) => p.name).sort()).toEqual(providers.map((p) => `Sandbox ${p} (local)`).sort());
      const { credentials } = readJson<{ credentials: Array<{ id: string; label: string }> }>(
        join(dir, 'ws', 'credentials.json'),
      );
      expect(credentials.length).toBe(providers.length);
      expect(new Set(credentials.map((c) => c.label)).size).toBe(providers.length);
      expect(keychainAccounts.sort()).toEqual(credentials.map((c) => c.id).sort());
    } finally {
      await emulators.close();
    }
  }, 120_000);
});
