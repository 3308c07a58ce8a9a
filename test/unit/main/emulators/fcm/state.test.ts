import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FcmRegistry } from '../../../../../main/emulators/fcm/state';

describe('FcmRegistry state file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every device registered by parallel admin calls, and reloads them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-fcm-state-'));
    dirs.push(dir);
    const registry = new FcmRegistry(dir);
    const devices = await Promise.all(Array.from({ length: 40 }, () => registry.upsertDevice({ projectId: 'p' })));
    const reloaded = new FcmRegistry(dir);
    await reloaded.load();
    expect([...reloaded.devices.keys()].sort()).toEqual(devices.map((d) => d.token).sort());
  });
});
