import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCa } from '../../main/emulators/common/ca';
import { startNhubEmulator, type RunningNhubEmulator } from '../../main/emulators/nhub';
import { adminJson, hubSend, sasToken } from '../support/nhub-raw-client';

const HUB = 'DirectHub';
const KEY = 'direct-key=';

/**
 * A backend pointed straight at the emulator: its connection string's Endpoint is
 * `sb://127.0.0.1:PORT/`, registered through the admin API, and tokens are signed the way the
 * JS SDK (https, namespace root, port kept) and the .NET SDK (http, `{hub}/messages/`, lower case,
 * with or without the port) sign them.
 */
describe('Notification Hubs emulator addressed by its own host and port', () => {
  const ca = LocalCa.create('nhub endpoint CA');
  let emulator: RunningNhubEmulator;
  let host: string;

  beforeAll(async () => {
    emulator = await startNhubEmulator({ ca });
    host = new URL(emulator.baseUrl).host;
    const registered = await adminJson(emulator.adminUrl, ca.certPem, 'POST', '/__admin/credentials', {
      connectionString: `Endpoint=sb://${host}/;SharedAccessKeyName=Direct;SharedAccessKey=${KEY}`,
      hub: HUB,
    });
    expect(registered.status).toBe(201);
  });
  afterAll(() => emulator.close());

  const send = (sr: string, keyName = 'Direct', key = KEY) =>
    hubSend({
      baseUrl: emulator.baseUrl,
      ca: ca.certPem,
      hub: HUB,
      authorization: sasToken({ sr, keyName, key }),
      format: 'apple',
      body: '{"aps":{"alert":"direct"}}',
    });

  it('accepts the JS SDK form (https://127.0.0.1:PORT/) and the .NET form with and without the port', async () => {
    const forms = [
      encodeURIComponent(`https://${host}/`),
      encodeURIComponent(`http://${host}/${HUB}/messages/`.toLowerCase()),
      encodeURIComponent(`http://127.0.0.1/${HUB}/messages/`.toLowerCase()),
    ];
    for (const sr of forms) {
      const response = await send(sr);
      expect({ sr, status: response.status, body: response.body }).toEqual({ sr, status: 201, body: '' });
      expect(response.headers['location']).toMatch(
        new RegExp(`^https://${host.replace(/\./g, '\\.')}/${HUB}/messages/[0-9a-f]{32}\\?api-version=`),
      );
    }
  });

  it('a policy registered by bare namespace answers a token whose sr carries the port', async () => {
    emulator.registerCredential({ namespace: '127.0.0.1', hub: HUB, keyName: 'Bare', key: 'bare-key' });
    const response = await send(encodeURIComponent(`https://${host}/${HUB}`), 'Bare', 'bare-key');
    expect(response.status).toBe(201);
  });

  it('still refuses another hub, a wrong key and an unknown rule on the same host', async () => {
    const otherHub = await send(encodeURIComponent(`https://${host}/otherhub/`));
    expect(otherHub.status).toBe(401);
    expect(otherHub.body).toContain('InvalidAudience');
    expect((await send(encodeURIComponent(`https://${host}/`), 'Direct', 'wrong')).body).toContain('InvalidSignature');
    expect((await send(encodeURIComponent(`https://${host}/`), 'Nobody')).body).toContain('UnknownKeyName');
  });
});

describe('Notification Hubs emulator state written with a port', () => {
  it('loads a policy saved as 127.0.0.1:PORT and answers tokens for it', async () => {
    const ca = LocalCa.create('nhub endpoint state CA');
    const dir = await mkdtemp(join(tmpdir(), 'nhub-endpoint-'));
    try {
      const policy = { namespace: '127.0.0.1:5000', hub: HUB, keyName: 'Saved', key: 'saved', rights: ['Send'] };
      await writeFile(join(dir, 'nhub.json'), JSON.stringify({ policies: [policy], registrations: [] }));
      const emulator = await startNhubEmulator({ ca, stateDir: dir });
      try {
        const host = new URL(emulator.baseUrl).host;
        const response = await hubSend({
          baseUrl: emulator.baseUrl,
          ca: ca.certPem,
          hub: HUB,
          authorization: sasToken({ sr: encodeURIComponent(`https://${host}/`), keyName: 'Saved', key: 'saved' }),
          format: 'apple',
          body: '{"aps":{}}',
        });
        expect(response.status).toBe(201);
      } finally {
        await emulator.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
