import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { missingKeyringSession } from '../support/cli-harness';
import { cli, runInKeyringSession } from '../support/parallel-processes';
import { describeWithSystem } from '../support/system';

// Real `push-console` processes started at once against the real keychain (a private
// gnome-keyring): what each says it did must be what survives, in the file and in the keychain.
describeWithSystem('credentials added by parallel processes', missingKeyringSession(), () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-parallel-creds-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const addWns = (i: number, store: string) =>
    cli(
      [
        'credentials',
        'add',
        'wns',
        '--package-sid',
        `ms-app://S-1-15-2-${i}`,
        '--secret-stdin',
        '--json',
        '--data-dir',
        join(store, 'data'),
        '--workspace',
        join(store, 'ws'),
      ],
      `client-secret-${i}`,
    );
  const ids = (store: string): string[] =>
    (
      JSON.parse(readFileSync(join(store, 'ws', 'credentials.json'), 'utf8')) as { credentials: Array<{ id: string }> }
    ).credentials.map((meta) => meta.id);

  it('finds the keychain in each of ten processes probing it at once', async () => {
    // Ten separate workspaces: only the keychain probe is shared.
    const stores = Array.from({ length: 10 }, (_, i) => join(dir, `store-${i}`));
    const { runs, keychainAccounts } = await runInKeyringSession(dir, [stores.map((store, i) => addWns(i, store))]);
    for (const run of runs) {
      expect(run.err).not.toMatch(/No keychain reachable/);
      expect(run.code, run.err).toBe(0);
    }
    // Every probe cleaned up after itself: only the ten credentials remain.
    expect(keychainAccounts.sort()).toEqual(stores.flatMap(ids).sort());
  }, 120_000);

  it('keeps all twenty credentials added to one workspace at once, with no orphaned keychain entry', async () => {
    const n = 20;
    const { runs, keychainAccounts } = await runInKeyringSession(dir, [
      Array.from({ length: n }, (_, i) => addWns(i, dir)),
    ]);
    const added = runs.map((run) => {
      expect(run.code, run.err).toBe(0);
      return (JSON.parse(run.out) as { id: string; label: string }).id;
    });
    const kept = ids(dir);
    expect(kept.length).toBe(n);
    expect(kept.sort()).toEqual(added.sort());
    const labels = (
      JSON.parse(readFileSync(join(dir, 'ws', 'credentials.json'), 'utf8')) as { credentials: Array<{ label: string }> }
    ).credentials.map((meta) => meta.label.toLowerCase());
    expect(new Set(labels).size).toBe(n);
    expect(keychainAccounts.sort()).toEqual(kept.sort());
  }, 120_000);
});
