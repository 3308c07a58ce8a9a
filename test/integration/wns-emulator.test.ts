import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWnsEmulator, type IssuedChannel, type RunningWnsEmulator } from '../../main/emulators/wns';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SID = 'ms-app://s-1-15-2-1111111111-2222222222-3333333333';
const SECRET = 'emulator-test-secret';

describe('WNS emulator over HTTPS/1.1', () => {
  const ca = LocalCa.create('WNS emulator test CA');
  let emulator: RunningWnsEmulator;
  let token: string;
  let channel: IssuedChannel;

  function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    return new Promise<Answer>((resolve, reject) => {
      const req = httpsRequest(
        url,
        { method: options.method ?? 'POST', headers: options.headers ?? {}, ca: ca.certPem },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }
  const form = (fields: Record<string, string>) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const liveToken = (fields: Partial<Record<string, string>> = {}) =>
    call(
      emulator.tokenUrl,
      form({
        grant_type: 'client_credentials',
        client_id: SID,
        client_secret: SECRET,
        scope: 'notify.windows.com',
        ...(fields as Record<string, string>),
      }),
    );
  const toast = '<toast><visual><binding template="ToastGeneric"><text>Hi</text></binding></visual></toast>';
  const send = (headers: Record<string, string> = {}, body = toast, uri = channel.channelUri, method = 'POST') =>
    call(uri, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/xml', 'x-wns-type': 'wns/toast', ...headers },
      body,
    });

  beforeAll(async () => {
    emulator = await startWnsEmulator({ ca });
    emulator.registerApp({ clientId: SID, clientSecret: SECRET });
    emulator.registerApp({ clientId: 'app-2', clientSecret: 'other', tenantId: 'contoso-tenant' });
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.inbox.clear();
    emulator.faults.clear();
    emulator.setCheck('xmlSchema', false);
    emulator.setCheck('priorityZero', false);
    emulator.setCheck('legacyStatusHeader', false);
    token = JSON.parse((await liveToken()).body).access_token;
    channel = emulator.createChannel({ owner: SID });
  });

  describe('token endpoints', () => {
    it('issues a Live token with a numeric expires_in for a registered Package SID', async () => {
      const answer = await liveToken();
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ token_type: 'bearer', expires_in: 86400 });
    });

    it('answers 400 in the OAuth format for a wrong secret, unknown SID, wrong scope or grant', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ client_secret: 'nope' }, 'invalid_client'],
        [{ client_id: 'ms-app://s-1-15-2-9' }, 'invalid_client'],
        [{ scope: 'https://wns.windows.com/.default' }, 'invalid_scope'],
        [{ grant_type: 'password' }, 'unsupported_grant_type'],
      ];
      for (const [fields, error] of cases) {
        const answer = await liveToken(fields);
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.body).error).toBe(error);
      }
    });

    it('issues Entra tokens only on the app tenant path, with expires_in as a string', async () => {
      const body = {
        grant_type: 'client_credentials',
        client_id: 'app-2',
        client_secret: 'other',
        scope: 'https://wns.windows.com/.default',
      };
      const ok = await call(`${emulator.baseUrl}/contoso-tenant/oauth2/v2.0/token`, form(body));
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ token_type: 'Bearer', expires_in: '86400' });
      const wrongTenant = await call(`${emulator.baseUrl}/other-tenant/oauth2/v2.0/token`, form(body));
      expect(wrongTenant.status).toBe(400);
      const badSecret = await call(
        `${emulator.baseUrl}/contoso-tenant/oauth2/v2.0/token`,
        form({ ...body, client_secret: 'x' }),
      );
      expect(badSecret.status).toBe(401);
      expect(JSON.parse(badSecret.body).error).toBe('invalid_client');
    });
    it('issues Entra tokens as JWTs for https://wns.windows.com; with otherAudienceToken, for Graph, which a channel refuses with 401', async () => {
      emulator.registerApp({ clientId: 'app-3', clientSecret: 'third', tenantId: 'contoso-tenant' });
      const owned = emulator.createChannel({ owner: 'app-3' });
      const entraToken = async () => {
        const answer = await call(
          `${emulator.baseUrl}/contoso-tenant/oauth2/v2.0/token`,
          form({
            grant_type: 'client_credentials',
            client_id: 'app-3',
            client_secret: 'third',
            scope: 'https://wns.windows.com/.default',
          }),
        );
        return JSON.parse(answer.body).access_token as string;
      };
      const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
      const forWns = await entraToken();
      expect(forWns.split('.')).toHaveLength(3);
      expect(claims(forWns)).toMatchObject({ aud: 'https://wns.windows.com', appid: 'app-3', tid: 'contoso-tenant' });
      expect((await send({ authorization: `Bearer ${forWns}` }, toast, owned.channelUri)).status).toBe(200);
      emulator.setCheck('otherAudienceToken', true);
      try {
        const forGraph = await entraToken();
        expect(claims(forGraph).aud).toBe('https://graph.microsoft.com');
        const refused = await send({ authorization: `Bearer ${forGraph}` }, toast, owned.channelUri);
        expect(refused).toMatchObject({ status: 401, body: '' });
        expect(refused.headers['www-authenticate']).toBe(
          'Bearer error="invalid_request",error_description="Invalid token"',
        );
        expect(refused.headers['x-wns-error-description']).toBe(
          'The access token is for https://graph.microsoft.com, not https://wns.windows.com.',
        );
        expect(refused.headers['x-wns-debug-trace']).toBeTruthy();
        // Live tokens stay opaque and for WNS.
        const live = JSON.parse((await liveToken()).body).access_token as string;
        expect(live.split('.')).toHaveLength(1);
        expect((await send({ authorization: `Bearer ${live}` })).status).toBe(200);
      } finally {
        emulator.setCheck('otherAudienceToken', false);
      }
      expect(claims(await entraToken()).aud).toBe('https://wns.windows.com');
    });
  });

  describe('channel endpoint', () => {
    it('accepts a toast: 200 with X-WNS-Status, Msg-ID, Debug-Trace, echoed MS-CV, and an inbox entry', async () => {
      const answer = await send({ 'ms-cv': 'abcdefghijklmnop.0' });
      expect(answer.status).toBe(200);
      expect(answer.headers['x-wns-status']).toBe('received');
      expect(answer.headers['x-wns-msg-id']).toMatch(/^[0-9A-F]{16}$/);
      expect(answer.headers['x-wns-debug-trace']).toBeTruthy();
      expect(answer.headers['ms-cv']).toBe('abcdefghijklmnop.0');
      expect(answer.headers['x-wns-deviceconnectionstatus']).toBeUndefined();
      const [delivery] = emulator.inbox.list(channel.id);
      expect(delivery).toMatchObject({ payload: toast, headers: { 'x-wns-type': 'wns/toast' } });
    });

    it('reports the device connection status only when asked', async () => {
      emulator.setChannel(channel.id, { connection: 'tempdisconnected' });
      const answer = await send({ 'x-wns-requestforstatus': 'true' });
      expect(answer.headers['x-wns-deviceconnectionstatus']).toBe('tempdisconnected');
      // An offline device: the toast is dropped, not delivered.
      expect(answer.headers['x-wns-status']).toBe('dropped');
      expect(emulator.inbox.list(channel.id)).toHaveLength(0);
    });

    it('keeps a cached tile for an offline device', async () => {
      emulator.setChannel(channel.id, { connection: 'disconnected' });
      const answer = await send(
        { 'x-wns-type': 'wns/tile' },
        '<tile><visual><binding template="TileSmall"/></visual></tile>',
      );
      expect(answer.headers['x-wns-status']).toBe('received');
      expect(emulator.inbox.list(channel.id)[0]?.details).toMatchObject({ cached: true });
    });

    it('answers 401 for missing, unknown and expired tokens, saying which in WWW-Authenticate', async () => {
      expect((await send({ authorization: '' })).status).toBe(401);
      const unknown = await send({ authorization: 'Bearer nope' });
      expect(unknown.status).toBe(401);
      expect(unknown.headers['www-authenticate']).toContain('Invalid token');
      emulator.expireTokens();
      const expired = await send();
      expect(expired.status).toBe(401);
      expect(expired.headers['www-authenticate']).toContain('Token expired');
    });

    it('answers 403 when another app sends to the channel', async () => {
      const other = await call(
        `${emulator.baseUrl}/contoso-tenant/oauth2/v2.0/token`,
        form({
          grant_type: 'client_credentials',
          client_id: 'app-2',
          client_secret: 'other',
          scope: 'https://wns.windows.com/.default',
        }),
      );
      const answer = await send({ authorization: `Bearer ${JSON.parse(other.body).access_token}` });
      expect(answer.status).toBe(403);
      expect(answer.headers['x-wns-error-description']).toBeTruthy();
    });

    it('answers 404 for unknown or expired channels and 410 for gone ones', async () => {
      expect((await send({}, toast, `${emulator.baseUrl}/w/?token=unknown`)).status).toBe(404);
      emulator.setChannel(channel.id, { state: 'expired' });
      expect((await send()).status).toBe(404);
      emulator.setChannel(channel.id, { state: 'gone' });
      expect((await send()).status).toBe(410);
      emulator.removeChannel(channel.id);
      expect((await send()).status).toBe(404);
    });

    it('answers 405 for methods other than POST and DELETE', async () => {
      const answer = await send({}, '', channel.channelUri, 'PUT');
      expect(answer.status).toBe(405);
      expect(answer.headers['allow']).toBe('POST, DELETE');
    });

    it('answers 413 above 5000 bytes and accepts exactly 5000', async () => {
      const raw = { 'x-wns-type': 'wns/raw', 'content-type': 'application/octet-stream' };
      expect((await send(raw, 'x'.repeat(5000))).status).toBe(200);
      const big = await send(raw, 'x'.repeat(5001));
      expect(big.status).toBe(413);
      expect(big.headers['x-wns-error-description']).toContain('5000 byte');
    });

    it('answers 400 for a missing or unknown type and a Content-Type that does not fit it', async () => {
      expect((await send({ 'x-wns-type': '' })).status).toBe(400);
      expect((await send({ 'x-wns-type': 'wns/popup' })).status).toBe(400);
      expect((await send({ 'x-wns-type': 'wns/raw' })).status).toBe(400);
      expect((await send({ 'content-type': 'application/xml' })).status).toBe(400);
    });

    it.each([
      ['x-wns-cache-policy', 'cache', 'sometimes'],
      ['x-wns-requestforstatus', 'false', 'yes'],
      ['x-wns-tag', 'status1', 'this-tag-is-too-long-x'],
      ['x-wns-group', 'grp', 'a b'],
      ['x-wns-ttl', '60', '-1'],
      ['x-wns-suppresspopup', 'false', 'true'],
      ['x-wns-priority', '4', '5'],
    ])('checks %s: "%s" passes, "%s" is 400', async (name, good, bad) => {
      expect((await send({ [name]: good })).status).toBe(200);
      const answer = await send({ [name]: bad });
      expect(answer.status).toBe(400);
      expect(answer.headers['x-wns-error-description']).toBeTruthy();
    });

    it('accepts priority 0 only with the priorityZero check on', async () => {
      expect((await send({ 'x-wns-priority': '0' })).status).toBe(400);
      emulator.setCheck('priorityZero', true);
      expect((await send({ 'x-wns-priority': '0' })).status).toBe(200);
    });

    it('lets malformed XML through by default and rejects it with xmlSchema on', async () => {
      expect((await send({}, '<toast><visual></toast>')).status).toBe(200);
      emulator.setCheck('xmlSchema', true);
      const malformed = await send({}, '<toast><visual></toast>');
      expect(malformed.status).toBe(400);
      expect(malformed.headers['x-wns-error-description']).toContain('line 1');
      expect((await send({}, '<badge value="3"/>')).status).toBe(400);
      expect((await send()).status).toBe(200);
    });

    it('answers with X-WNS-NotificationStatus when legacyStatusHeader is on', async () => {
      emulator.setCheck('legacyStatusHeader', true);
      const answer = await send();
      expect(answer.headers['x-wns-notificationstatus']).toBe('received');
      expect(answer.headers['x-wns-status']).toBeUndefined();
    });

    it('handles DELETE with X-WNS-Match and refuses it without one', async () => {
      expect((await send({ 'x-wns-match': 'type:wns/toast;tag=abc' }, '', channel.channelUri, 'DELETE')).status).toBe(
        200,
      );
      expect((await send({}, '', channel.channelUri, 'DELETE')).status).toBe(400);
    });
  });

  describe('faults and admin', () => {
    it('renders a status fault in WNS form with Retry-After, once', async () => {
      emulator.faults.add({
        match: { device: channel.id },
        action: { kind: 'status', status: 406, reason: 'Throttled', retryAfterSeconds: 30 },
        times: 1,
      });
      const answer = await send();
      expect(answer).toMatchObject({ status: 406, body: '' });
      expect(answer.headers['retry-after']).toBe('30');
      expect(answer.headers['x-wns-error-description']).toBe('Throttled');
      expect((await send()).status).toBe(200);
    });

    it('delays the answer for delay faults', async () => {
      emulator.faults.add({ match: { device: channel.id }, action: { kind: 'delay', ms: 300 }, times: 1 });
      const started = Date.now();
      expect((await send()).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('resets the connection for reset faults', async () => {
      emulator.faults.add({ action: { kind: 'reset' }, times: 1 });
      await expect(send()).rejects.toThrow();
    });

    it('registers apps and devices and changes device state through the HTTP admin API', async () => {
      const json = { 'content-type': 'application/json' };
      const app = await call(`${emulator.adminUrl}/__admin/credentials`, {
        headers: json,
        body: JSON.stringify({ packageSid: 'ms-app://s-1-15-2-42', clientSecret: 's42' }),
      });
      expect(app.status).toBe(201);
      expect(app.body).not.toContain('s42');
      const device = await call(`${emulator.adminUrl}/__admin/devices`, {
        headers: json,
        body: JSON.stringify({ owner: 'ms-app://s-1-15-2-42' }),
      });
      expect(device.status).toBe(201);
      const issued = JSON.parse(device.body) as IssuedChannel;
      expect(issued.channelUri).toMatch(new RegExp(`^${emulator.baseUrl}/w/\\?token=`));
      const state = await call(`${emulator.adminUrl}/__admin/devices/${issued.id}/state`, {
        headers: json,
        body: JSON.stringify({ state: 'gone' }),
      });
      expect(JSON.parse(state.body)).toMatchObject({ state: 'gone' });
      expect((await send({}, toast, issued.channelUri)).status).toBe(410);
      const checks = await call(`${emulator.adminUrl}/__admin/checks`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ nope: true }),
      });
      expect(checks.status).toBe(400);
    });

    it('persists apps and channels in stateDir and loads them at start', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wns-emulator-'));
      try {
        const first = await startWnsEmulator({ ca, stateDir: dir });
        first.registerApp({ clientId: SID, clientSecret: SECRET });
        const kept = first.createChannel({ owner: SID, label: 'kept' });
        await first.close();
        const saved = JSON.parse(await readFile(join(dir, 'wns-state.json'), 'utf8'));
        expect(saved.channels).toHaveLength(1);
        const second = await startWnsEmulator({ ca, stateDir: dir });
        try {
          expect(second.channels().map((c) => c.id)).toEqual([kept.id]);
        } finally {
          await second.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
