import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FcmRegistry, newRegistrationToken } from '../../../../../main/emulators/fcm/state';

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

describe('newRegistrationToken', () => {
  it('starts as a real instance id does (c–f), never with "-", which a command line reads as an option', () => {
    const firsts = new Set(Array.from({ length: 2000 }, () => newRegistrationToken()[0]));
    expect([...firsts].every((c) => 'cdef'.includes(c!))).toBe(true);
    expect(newRegistrationToken()).toMatch(/^[A-Za-z0-9_-]{22}:APA91b[A-Za-z0-9_-]{140}$/);
  });
});
