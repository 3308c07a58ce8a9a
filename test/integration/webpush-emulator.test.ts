import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Header } from '../../shared/domain/exchange';
import { LocalCa } from '../../main/emulators/common/ca';
import {
  startWebpushEmulator,
  type RunningWebpushEmulator,
  type MintedSubscription,
} from '../../main/emulators/webpush';
import { buildWebpushRequest, readTarget } from '../../main/core/providers/webpush/request';
import { mapWebpushResponse } from '../../main/core/providers/webpush/results';
import {
  generateVapidKeys,
  signVapidJwt,
  vapidPrivateKeyObject,
  type VapidKeyPair,
} from '../../main/core/providers/webpush/vapid';
import type { WebpushOptions } from '../../shared/providers/webpush/message';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- admin answers are checked field by field
type Json = any;

interface Answer {
  status: number;
  headers: Header[];
  body: Buffer;
}

const ca = LocalCa.create('Web Push test CA');

/** A plain HTTPS POST trusting only the test CA: the provider's own transport is tested elsewhere. */
function post(url: string, headers: Header[], body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', ca: ca.certPem, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: Header[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode!, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    for (const [name, value] of headers) req.setHeader(name, value);
    req.setHeader('content-length', String(body?.length ?? 0));
    req.end(body);
  });
}

async function adminJson(
  emulator: RunningWebpushEmulator,
  path: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const answer = await new Promise<Answer>((resolve, reject) => {
    const req = httpsRequest(`${emulator.adminUrl}${path}`, { method, ca: ca.certPem, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: [], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setHeader('content-type', 'application/json');
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
  return { status: answer.status, json: JSON.parse(answer.body.toString('utf8')) };
}

const SUBJECT = 'mailto:ops@example.com';

function jwtFor(keys: VapidKeyPair, claims: Record<string, unknown>): string {
  return signVapidJwt(claims as never, vapidPrivateKeyObject(keys));
}

function pushRequest(
  minted: MintedSubscription,
  keys: VapidKeyPair,
  opts: { payload?: string; options?: WebpushOptions; claims?: Record<string, unknown>; k?: string } = {},
) {
  const target = readTarget(JSON.stringify(minted.subscription));
  const claims = opts.claims ?? { aud: target.audience, exp: Math.floor(Date.now() / 1000) + 3600, sub: SUBJECT };
  return buildWebpushRequest({
    target,
    payload: opts.payload ?? 'hello',
    options: opts.options ?? { ttl: 60 },
    vapidToken: jwtFor(keys, claims),
    vapidPublicKey: opts.k ?? keys.publicKey,
  });
}

async function send(built: ReturnType<typeof pushRequest>): Promise<Answer> {
  return post(built.url, built.headers, built.body);
}

function errno(answer: Answer): number {
  return (JSON.parse(answer.body.toString('utf8')) as { errno: number }).errno;
}

describe('Web Push emulator', () => {
  let emulator: RunningWebpushEmulator;
  const keys = generateVapidKeys();
  let minted: MintedSubscription;

  beforeAll(async () => {
    emulator = await startWebpushEmulator({ ca });
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.inbox.clear();
    emulator.faults.clear();
    const created = await adminJson(emulator, '/__admin/devices', 'POST', { applicationServerKey: keys.publicKey });
    expect(created.status).toBe(201);
    minted = created.json as MintedSubscription;
  });

  it('mints a PushSubscription.toJSON() with an endpoint on itself and browser-sized keys', () => {
    expect(minted.subscription.endpoint).toBe(`${emulator.baseUrl}/wpush/v2/${minted.id}`);
    expect(Buffer.from(minted.subscription.keys.p256dh, 'base64url')).toHaveLength(65);
    expect(Buffer.from(minted.subscription.keys.auth, 'base64url')).toHaveLength(16);
  });

  it('accepts a VAPID-signed encrypted push with 201 and Location, and decrypts it into the inbox', async () => {
    const payload = JSON.stringify({ title: 'Hi', body: 'Grüße 👋' });
    const answer = await send(
      pushRequest(minted, keys, { payload, options: { ttl: 120, urgency: 'high', topic: 'news' } }),
    );
    expect(answer.status).toBe(201);
    const location = answer.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
    expect(location).toMatch(new RegExp(`^${emulator.baseUrl}/m/`));
    const [delivery] = emulator.inbox.list(minted.id);
    expect(delivery?.payload).toBe(payload);
    expect(delivery?.headers).toMatchObject({
      ttl: '120',
      urgency: 'high',
      topic: 'news',
      'content-encoding': 'aes128gcm',
    });
    expect(delivery?.details?.['vapid']).toMatchObject({ aud: emulator.baseUrl, sub: SUBJECT });
    const mapped = mapWebpushResponse({ ...answer, endpoint: minted.subscription.endpoint });
    expect(mapped.outcome).toBe('accepted');
    expect(mapped.messageIds['location']).toBe(location);
  });

  it('accepts a payload-less push without Content-Encoding', async () => {
    const built = pushRequest(minted, keys, { payload: '' });
    expect(built.body).toBeUndefined();
    expect(built.headers.some(([name]) => name === 'Content-Encoding')).toBe(false);
    const answer = await send(built);
    expect(answer.status).toBe(201);
    expect(emulator.inbox.list(minted.id)[0]?.payload).toBe('');
  });

  it('shows the inbox through the admin API', async () => {
    await send(pushRequest(minted, keys, { payload: 'via admin' }));
    const inbox = await adminJson(emulator, `/__admin/inbox?device=${minted.id}`, 'GET');
    expect(inbox.json.map((d: { payload: string }) => d.payload)).toEqual(['via admin']);
  });

  describe('VAPID', () => {
    it('401 without Authorization', async () => {
      const built = pushRequest(minted, keys);
      const answer = await post(
        built.url,
        built.headers.filter(([name]) => name !== 'Authorization'),
        built.body,
      );
      expect(answer.status).toBe(401);
      expect(errno(answer)).toBe(109);
    });

    it('400 when a VAPID parameter repeats, 401 for another scheme', async () => {
      const built = pushRequest(minted, keys);
      const auth = built.headers.find(([name]) => name === 'Authorization')![1];
      const withAuth = (value: string) =>
        post(
          built.url,
          built.headers.map(([n, v]) => [n, n === 'Authorization' ? value : v]),
          built.body,
        );
      expect((await withAuth(`${auth}, k=${keys.publicKey}`)).status).toBe(400);
      expect((await withAuth(auth.replace('vapid ', 'WebPush '))).status).toBe(401);
    });

    it('403 when the JWT was signed by another key than k', async () => {
      const other = generateVapidKeys();
      const target = readTarget(JSON.stringify(minted.subscription));
      const token = jwtFor(other, { aud: target.audience, exp: Math.floor(Date.now() / 1000) + 60, sub: SUBJECT });
      const built = buildWebpushRequest({
        target,
        payload: 'x',
        options: { ttl: 1 },
        vapidToken: token,
        vapidPublicKey: keys.publicKey,
      });
      const answer = await send(built);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body.toString()).message).toMatch(/signature/);
      expect(mapWebpushResponse({ ...answer, endpoint: built.url })).toMatchObject({
        outcome: 'rejected',
        reason: 'errno 109',
      });
    });

    it('403 for the wrong aud', async () => {
      const answer = await send(
        pushRequest(minted, keys, {
          claims: { aud: 'https://fcm.googleapis.com', exp: Math.floor(Date.now() / 1000) + 60, sub: SUBJECT },
        }),
      );
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body.toString()).message).toMatch(/aud/);
    });

    it('403 for an expired JWT and for exp more than 24 h ahead', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await send(
        pushRequest(minted, keys, { claims: { aud: emulator.baseUrl, exp: now - 1, sub: SUBJECT } }),
      );
      expect(expired.status).toBe(403);
      expect(JSON.parse(expired.body.toString()).message).toMatch(/expired/);
      const far = await send(
        pushRequest(minted, keys, { claims: { aud: emulator.baseUrl, exp: now + 86_400 + 120, sub: SUBJECT } }),
      );
      expect(far.status).toBe(403);
      expect(JSON.parse(far.body.toString()).message).toMatch(/24 hours/);
    });

    it('403 when k is not the applicationServerKey the subscription was made with', async () => {
      const other = generateVapidKeys();
      const answer = await send(pushRequest(minted, other));
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body.toString()).message).toMatch(/applicationServerKey/);
    });

    it('accepts any key for a subscription made without applicationServerKey', async () => {
      const open = emulator.createSubscription();
      const answer = await send(pushRequest(open, generateVapidKeys()));
      expect(answer.status).toBe(201);
    });

    it('403 for a DER signature and for a missing sub', async () => {
      const built = pushRequest(minted, keys);
      const auth = built.headers.find(([name]) => name === 'Authorization')![1];
      const token = /t=([^,]+)/.exec(auth)![1]!;
      const [h, c, s] = token.split('.');
      const raw = Buffer.from(s!, 'base64url');
      const der = derFromRaw(raw);
      const derAuth = auth.replace(token, `${h}.${c}.${der.toString('base64url')}`);
      const derAnswer = await post(
        built.url,
        built.headers.map(([name, value]) => [name, name === 'Authorization' ? derAuth : value]),
        built.body,
      );
      expect(derAnswer.status).toBe(403);
      const noSub = await send(
        pushRequest(minted, keys, { claims: { aud: emulator.baseUrl, exp: Math.floor(Date.now() / 1000) + 60 } }),
      );
      expect(noSub.status).toBe(403);
      expect(JSON.parse(noSub.body.toString()).message).toMatch(/sub/);
    });

    it('rejects localhost subjects only when that [?] check is on', async () => {
      const claims = { aud: emulator.baseUrl, exp: Math.floor(Date.now() / 1000) + 60, sub: 'mailto:me@localhost' };
      expect((await send(pushRequest(minted, keys, { claims }))).status).toBe(201);
      const checks = await adminJson(emulator, '/__admin/checks', 'PUT', { 'vapid.localhostSubject': true });
      expect(checks.json['vapid.localhostSubject']).toBe(true);
      try {
        expect((await send(pushRequest(minted, keys, { claims }))).status).toBe(403);
      } finally {
        emulator.setCheck('vapid.localhostSubject', false);
      }
    });

    it('with the [?] endpoint.aliasHost check, takes only its host name’s aud: the endpoint’s own origin is 403', async () => {
      const expected = `https://localhost:${new URL(emulator.baseUrl).port}`;
      const checks = await adminJson(emulator, '/__admin/checks', 'PUT', { 'endpoint.aliasHost': true });
      expect(checks.json['endpoint.aliasHost']).toBe(true);
      try {
        // The subscription still names the service by address, so that is what a client dials and signs.
        expect(new URL(minted.subscription.endpoint).origin).toBe(emulator.baseUrl);
        const refused = await send(pushRequest(minted, keys));
        expect(refused.status).toBe(403);
        expect(JSON.parse(refused.body.toString('utf8'))).toEqual({
          code: 403,
          errno: 109,
          error: 'Forbidden',
          message: `The JWT aud is "${emulator.baseUrl}"; this push service is ${expected}.`,
        });
        const claims = { aud: expected, exp: Math.floor(Date.now() / 1000) + 60, sub: SUBJECT };
        expect((await send(pushRequest(minted, keys, { claims }))).status).toBe(201);
      } finally {
        emulator.setCheck('endpoint.aliasHost', false);
      }
      expect((await send(pushRequest(minted, keys))).status).toBe(201);
    });

    it('with registeredKeysOnly, accepts only keys registered through /__admin/credentials', async () => {
      emulator.setCheck('vapid.registeredKeysOnly', true);
      try {
        expect((await send(pushRequest(minted, keys))).status).toBe(403);
        const registered = await adminJson(emulator, '/__admin/credentials', 'POST', {
          publicKey: keys.publicKey,
          subject: SUBJECT,
        });
        expect(registered.status).toBe(201);
        expect((await send(pushRequest(minted, keys))).status).toBe(201);
      } finally {
        emulator.setCheck('vapid.registeredKeysOnly', false);
      }
    });
  });

  describe('headers and body', () => {
    it('400 errno 111 without TTL, mapped with an explanation', async () => {
      const answer = await send(pushRequest(minted, keys, { options: {} }));
      expect(answer.status).toBe(400);
      expect(errno(answer)).toBe(111);
      const mapped = mapWebpushResponse({ ...answer, endpoint: minted.subscription.endpoint });
      expect(mapped.explanation).toMatch(/TTL/);
      expect(emulator.inbox.size).toBe(0);
    });

    it('400 for a negative or too long TTL, a bad Urgency and a long Topic', async () => {
      const built = pushRequest(minted, keys);
      const withHeader = (name: string, value: string) =>
        post(built.url, [...built.headers.filter(([n]) => n !== name), [name, value]], built.body);
      expect(errno(await withHeader('TTL', '-5'))).toBe(112);
      expect(errno(await withHeader('TTL', '2592001'))).toBe(112);
      expect((await withHeader('Urgency', 'urgent')).status).toBe(400);
      const topic = await withHeader('Topic', 'a'.repeat(33));
      expect(topic.status).toBe(400);
      expect(errno(topic)).toBe(113);
      expect((await withHeader('Topic', 'a'.repeat(32))).status).toBe(201);
    });

    it('answers 413 above 2,744 bytes only with the [?] FCM-bridge check switched on', async () => {
      const payload = 'a'.repeat(2700);
      expect((await send(pushRequest(minted, keys, { payload }))).status).toBe(201);
      const checks = await adminJson(emulator, '/__admin/checks', 'PUT', { 'body.mozillaBridge': true });
      expect(checks.json['body.mozillaBridge']).toBe(true);
      try {
        const refused = await send(pushRequest(minted, keys, { payload }));
        expect(refused.status).toBe(413);
        expect(JSON.parse(refused.body.toString('utf8')).message).toBe(
          'Body is 2803 bytes; the FCM bridge takes 2744.',
        );
        expect((await send(pushRequest(minted, keys, { payload: 'a'.repeat(2600) }))).status).toBe(201);
      } finally {
        emulator.setCheck('body.mozillaBridge', false);
      }
    });

    it('400 for a repeated Urgency and a Topic outside the URL-safe alphabet', async () => {
      const built = pushRequest(minted, keys);
      const withHeader = (name: string, value: string) =>
        post(built.url, [...built.headers.filter(([n]) => n !== name), [name, value]], built.body);
      expect((await withHeader('Urgency', 'high, low')).status).toBe(400);
      expect(errno(await withHeader('Topic', 'bmV3cw=='))).toBe(113);
      expect(errno(await withHeader('Topic', 'a b'))).toBe(113);
      expect((await withHeader('Urgency', 'very-low')).status).toBe(201);
    });

    it('takes a 4096-byte body and answers 413 above it', async () => {
      const fits = await send(pushRequest(minted, keys, { payload: 'a'.repeat(3993) }));
      expect(fits.status).toBe(201);
      const over = await send(pushRequest(minted, keys, { payload: 'a'.repeat(3994) }));
      expect(over.status).toBe(413);
      expect(errno(over)).toBe(104);
    });

    it('400 errno 110 for a wrong Content-Encoding or a body the browser cannot decrypt', async () => {
      const built = pushRequest(minted, keys);
      const legacy = await post(
        built.url,
        built.headers.map(([n, v]) => [n, n === 'Content-Encoding' ? 'aesgcm' : v]),
        built.body,
      );
      expect(errno(legacy)).toBe(110);
      const tampered = Buffer.from(built.body!);
      tampered[tampered.length - 1]! ^= 1;
      const bad = await post(built.url, built.headers, tampered);
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body.toString()).message).toMatch(/decrypt/);
    });
  });

  describe('subscription state', () => {
    it('410 for an expired subscription, 404 for a removed or unknown one; both mean gone', async () => {
      expect((await adminJson(emulator, `/__admin/devices/${minted.id}/expire`, 'POST')).status).toBe(200);
      const gone = await send(pushRequest(minted, keys));
      expect(gone.status).toBe(410);
      expect(mapWebpushResponse({ ...gone, endpoint: minted.subscription.endpoint }).deviceStateChange?.state).toBe(
        'gone',
      );
      const other = emulator.createSubscription({ applicationServerKey: keys.publicKey });
      expect((await adminJson(emulator, `/__admin/devices/${other.id}`, 'DELETE')).status).toBe(200);
      const missing = await send(pushRequest(other, keys));
      expect(missing.status).toBe(404);
      expect(errno(missing)).toBe(102);
      expect(mapWebpushResponse({ ...missing, endpoint: other.subscription.endpoint }).deviceStateChange?.reason).toBe(
        'errno 102',
      );
    });
  });

  describe('faults', () => {
    it('429 with Retry-After, read back as retryable', async () => {
      await adminJson(emulator, '/__admin/faults', 'POST', {
        match: { device: minted.id },
        action: { kind: 'status', status: 429, retryAfterSeconds: 120 },
        times: 1,
      });
      const limited = await send(pushRequest(minted, keys));
      expect(limited.status).toBe(429);
      const mapped = mapWebpushResponse({ ...limited, endpoint: minted.subscription.endpoint });
      expect(mapped).toMatchObject({ retryable: true, retryAfterSeconds: 120, reason: 'errno 201' });
      expect((await send(pushRequest(minted, keys))).status).toBe(201);
    });

    it('answers in Apple style when the fault reason is a name', async () => {
      emulator.faults.add({ action: { kind: 'status', status: 403, reason: 'BadJwtToken' }, times: 1 });
      const answer = await send(pushRequest(minted, keys));
      expect(JSON.parse(answer.body.toString())).toEqual({ reason: 'BadJwtToken' });
      expect(mapWebpushResponse({ ...answer, endpoint: minted.subscription.endpoint })).toMatchObject({
        reason: 'BadJwtToken',
        outcome: 'rejected',
      });
    });

    it('delays and resets', async () => {
      emulator.faults.add({ action: { kind: 'delay', ms: 300 }, times: 1 });
      const started = Date.now();
      expect((await send(pushRequest(minted, keys))).status).toBe(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      emulator.faults.add({ action: { kind: 'reset' }, times: 1 });
      await expect(send(pushRequest(minted, keys))).rejects.toThrow(/socket hang up|ECONNRESET/);
    });
  });
});

describe('Web Push emulator state', () => {
  it('keeps subscriptions and registered keys across restarts in stateDir', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'webpush-state-'));
    try {
      const keys = generateVapidKeys();
      const first = await startWebpushEmulator({ ca, stateDir });
      const minted = first.createSubscription({ applicationServerKey: keys.publicKey, label: 'kept' });
      first.registerCredential({ publicKey: keys.publicKey, subject: SUBJECT });
      await first.close();
      const saved = JSON.parse(await readFile(join(stateDir, 'webpush-state.json'), 'utf8'));
      expect(saved.subscriptions[0].id).toBe(minted.id);

      const second = await startWebpushEmulator({ ca, stateDir, checks: { 'vapid.registeredKeysOnly': true } });
      try {
        // The previous port is reused, so the endpoint the browser was given still works.
        expect(second.baseUrl).toBe(first.baseUrl);
        const moved = minted;
        const answer = await send(pushRequest(moved, keys, { payload: 'after restart' }));
        expect(answer.status).toBe(201);
        expect(second.inbox.list(minted.id)[0]?.payload).toBe('after restart');
      } finally {
        await second.close();
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

/** Raw r||s → ASN.1 DER, the encoding JOSE forbids. */
function derFromRaw(raw: Buffer): Buffer {
  const int = (bytes: Buffer) => {
    let b = bytes;
    while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1);
    if (b[0]! >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return Buffer.concat([Buffer.from([0x02, b.length]), b]);
  };
  const body = Buffer.concat([int(raw.subarray(0, 32)), int(raw.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

describe('Web Push emulator port reuse', () => {
  it('falls back to a free port when the previous one is taken', async () => {
    const { createServer } = await import('node:net');
    const stateDir = await mkdtemp(join(tmpdir(), 'webpush-port-'));
    const first = await startWebpushEmulator({ ca, stateDir });
    const port = Number(new URL(first.baseUrl).port);
    await first.close();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const second = await startWebpushEmulator({ ca, stateDir });
      expect(second.baseUrl).not.toBe(first.baseUrl);
      await second.close();
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

describe('Web Push emulator over HTTP/2', () => {
  it('accepts pushes on h2 and can GOAWAY the session as a fault', async () => {
    const { connect } = await import('node:http2');
    const emulator = await startWebpushEmulator({ ca });
    const keys = generateVapidKeys();
    const minted = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    const session = connect(emulator.baseUrl, { ca: ca.certPem });
    const h2post = (built: ReturnType<typeof pushRequest>) =>
      new Promise<{ status: number; goaway: boolean; error?: string }>((resolve) => {
        const headers: Record<string, string> = { ':method': 'POST', ':path': new URL(built.url).pathname };
        for (const [name, value] of built.headers) headers[name.toLowerCase()] = value;
        const stream = session.request(headers);
        let goaway = false;
        session.once('goaway', () => (goaway = true));
        stream.on('response', (h) => {
          stream.resume();
          stream.on('end', () => resolve({ status: Number(h[':status']), goaway }));
        });
        stream.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, goaway, error: error.code ?? '' }));
        stream.end(built.body);
      });
    try {
      expect(await h2post(pushRequest(minted, keys, { payload: 'over h2' }))).toEqual({ status: 201, goaway: false });
      expect(emulator.inbox.list(minted.id)[0]?.payload).toBe('over h2');
      emulator.faults.add({ action: { kind: 'goaway', reason: 'Shutdown' }, times: 1 });
      const answer = await h2post(pushRequest(minted, keys));
      // GOAWAY naming stream 0 as the last processed: the push was refused, so a retry is safe.
      expect(answer).toMatchObject({ status: 0, goaway: true, error: 'ERR_HTTP2_STREAM_ERROR' });
      expect(emulator.inbox.list(minted.id)).toHaveLength(1);
    } finally {
      session.destroy();
      await emulator.close();
    }
  });
});
