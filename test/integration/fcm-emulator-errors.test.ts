import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCa } from '../../main/emulators/common/ca';
import { startFcmEmulator, type RunningFcmEmulator } from '../../main/emulators/fcm';
import { newRegistrationToken } from '../../main/emulators/fcm/state';
import { FcmEmulatorClient } from '../support/fcm-emulator-client';

/**
 * FCM's error bodies as Google writes them (issue 24), seen through curl: proto3 JSON leaves out
 * empty fields, a request without Authorization gets the missing-credential answer, and
 * UNSPECIFIED_ERROR comes from a device's state.
 */
let dir: string;
let ca: LocalCa;
let emulator: RunningFcmEmulator;
let client: FcmEmulatorClient;
let bearer: string;

interface RpcBody {
  error: {
    code: number;
    status: string;
    message: string;
    details: Array<Record<string, unknown> & { fieldViolations?: Array<Record<string, string>> }>;
  };
}

function curl(body: string, auth?: string): Promise<{ status: number; json: RpcBody }> {
  const args = ['-sS', '--http2', '--cacert', join(dir, 'ca.pem'), '-w', '\n%{http_code}', '-X', 'POST'];
  args.push('-H', 'content-type: application/json', '--data-binary', body);
  if (auth) args.push('-H', `authorization: ${auth}`);
  args.push(`${emulator.baseUrl}/v1/projects/demo-project/messages:send`);
  return new Promise((resolve, reject) =>
    execFile('curl', args, (error, out) => {
      if (error) return reject(error);
      const cut = out.lastIndexOf('\n');
      resolve({ status: Number(out.slice(cut + 1)), json: JSON.parse(out.slice(0, cut)) as RpcBody });
    }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fcm-errors-'));
  ca = LocalCa.create();
  await writeFile(join(dir, 'ca.pem'), ca.certPem);
  emulator = await startFcmEmulator({ ca });
  client = new FcmEmulatorClient(emulator, ca.certPem);
  bearer = await client.bearer(await emulator.createServiceAccount('demo-project'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('FCM emulator error bodies', () => {
  it('a request with no Authorization header gets 401 "missing required authentication credential"', async () => {
    const answer = await curl('{"message":{"topic":"news"}}');
    expect(answer.status).toBe(401);
    expect(answer.json.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    expect(answer.json.error.message).toMatch(/^Request is missing required authentication credential\. /);
    expect(answer.json.error.details[0]).toMatchObject({ reason: 'CREDENTIALS_MISSING', domain: 'googleapis.com' });
    // A token that is present but wrong still gets the invalid-credentials answer.
    const wrong = await curl('{"message":{"topic":"news"}}', 'Bearer ya29.nope');
    expect(wrong.json.error.message).toMatch(/^Request had invalid authentication credentials\. /);
  });

  it('a field violation with no field has no "field" key (proto3 JSON omits empty strings)', async () => {
    for (const body of ['{not json', '{"mesage":{}}']) {
      const answer = await curl(body, bearer);
      expect(answer.status).toBe(400);
      const [violation] = answer.json.error.details[0]!.fieldViolations!;
      expect(Object.keys(violation!)).toEqual(['description']);
    }
  });

  it('a device in state unspecified-error gets 400 with FcmError UNSPECIFIED_ERROR', async () => {
    const token = newRegistrationToken();
    const created = await client.call('/__admin/devices', {
      body: JSON.stringify({ token, projectId: 'demo-project', state: 'unspecified-error' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(created.status).toBe(201);
    const answer = await curl(JSON.stringify({ message: { token, data: { a: 'b' } } }), bearer);
    expect(answer.status).toBe(400);
    expect(answer.json.error.status).toBe('INVALID_ARGUMENT');
    expect(answer.json.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError',
      errorCode: 'UNSPECIFIED_ERROR',
    });
  });
});
