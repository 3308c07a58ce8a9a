import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../../main/core/core';
import type * as BulkSlice from '../../../../renderer/state/bulk';
import type * as DevicesSlice from '../../../../renderer/state/devices';
import type * as ProfilesSlice from '../../../../renderer/state/profiles';
import type { PreloadApi } from '../../../../shared/contract';
import { createTestCore } from '../../../support/core-harness';

// The slices talk to a real core, as Electron's preload would carry them: every call goes
// through the dispatcher, so an error is main's own ApiError with its code and hint.
let dir: string;
let core: Core;
let slices: {
  devices: typeof DevicesSlice;
  profiles: typeof ProfilesSlice;
  bulk: typeof BulkSlice;
};

const WORKSPACE_HINT = 'Fix or remove the file; Push Console will not overwrite it.';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pc-error-hints-'));
  core = await createTestCore(dir);
  const calls = new Proxy({}, { get: (_, name) => (input: unknown) => core.dispatch(name, input, caller) });
  const events = new Proxy({}, { get: () => () => () => {} });
  const caller = { transport: 'test', trusted: true } as const;
  (globalThis as { window?: unknown }).window = { pushConsole: { calls, events } as unknown as PreloadApi };
  // Workspace files a person broke by hand: main refuses them with a message and a hint.
  mkdirSync(join(dir, 'ws'), { recursive: true });
  writeFileSync(join(dir, 'ws', 'devices.json'), '{ "version": 1, "devices": [');
  writeFileSync(join(dir, 'ws', 'profiles.json'), '{ "version": 1, "profiles": [');
  // Imported after the window exists: bulk and emulators subscribe to events when loaded.
  slices = {
    devices: await import('../../../../renderer/state/devices'),
    profiles: await import('../../../../renderer/state/profiles'),
    bulk: await import('../../../../renderer/state/bulk'),
  };
});

afterAll(async () => {
  await core.close();
  delete (globalThis as { window?: unknown }).window;
  rmSync(dir, { recursive: true, force: true });
});

describe("slices keep main's hint with its message", () => {
  it('devices', async () => {
    await slices.devices.useDevices.getState().load();
    const state = slices.devices.useDevices.getState();
    expect(state.loaded).toBe(true);
    expect(state.error).toEqual({
      code: 'WORKSPACE_INVALID',
      message: `${join(dir, 'ws', 'devices.json')} is not valid JSON.`,
      hint: WORKSPACE_HINT,
    });
  });

  it('profiles', async () => {
    await slices.profiles.useProfiles.getState().load();
    expect(slices.profiles.useProfiles.getState().error).toMatchObject({
      code: 'WORKSPACE_INVALID',
      hint: WORKSPACE_HINT,
    });
  });

  it('bulk', async () => {
    await slices.bulk.useBulk.getState().start({
      request: {
        provider: 'apns',
        credential: 'none',
        environment: 'local',
        target: '',
        options: {},
        payload: '{"aps":{"alert":"hi"}}',
      },
      deviceIds: ['dev-1'],
    });
    expect(slices.bulk.useBulk.getState().error).toMatchObject({
      code: 'WORKSPACE_INVALID',
      message: expect.stringContaining('devices.json is not valid JSON'),
      hint: WORKSPACE_HINT,
    });
  });
});
