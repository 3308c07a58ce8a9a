import { describe, expect, it } from 'vitest';
import { ExchangeBuilder } from '../../../../../main/core/transport/exchange-builder';
import { newCapture, type Capture } from '../../../../../main/core/transport/recorder';
import type { TransportRequest } from '../../../../../main/core/transport/types';
import type { Header } from '../../../../../shared/domain/exchange';

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const SIGNATURE = 'c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1sZWFr';
const jwt = (iat: number) =>
  `${b64url({ alg: 'ES256', kid: 'KID' })}.${b64url({ iss: 'TEAM', iat })}.${SIGNATURE}${iat}`;
const PAYLOAD = JSON.stringify({ aps: { alert: 'Hello' } });

interface Variant {
  token: string;
  jwt: string;
  payload: string | Uint8Array;
  secrets?: string[];
  response: Header[];
  responseBody: Buffer | null;
  provider?: 'apns' | 'fcm';
}

function pair(variant: Variant, n: number): { capture: Capture; request: TransportRequest } {
  const request: TransportRequest = {
    method: 'POST',
    url: `https://api.example.test/3/device/${variant.token}`,
    headers: [],
    body: variant.payload,
    secrets: variant.secrets ?? [variant.jwt],
    meta: { purpose: 'send', provider: variant.provider ?? 'apns', target: variant.token.slice(0, 8), notes: { n: 1 } },
  };
  const capture = newCapture(`id-${n}`, request, '2', 0);
  capture.startedAt = Date.UTC(2026, 10, 30, 4, 0, n % 60);
  capture.tDispatch = 1;
  capture.tSent = 2;
  capture.tHeaders = 3;
  capture.tEnd = 4;
  capture.status = 200;
  capture.requestHeaders = [
    [':method', 'POST'],
    [':path', `/3/device/${variant.token}`],
    ['apns-id', `apns-${n}`],
    ['authorization', `bearer ${variant.jwt}`],
    ['x-echo', `seen ${variant.jwt} here`],
    ['content-length', String(PAYLOAD.length)],
  ];
  capture.responseHeaders = variant.response;
  capture.responseBody = variant.responseBody;
  return { capture, request };
}

describe('ExchangeBuilder', () => {
  it('gives what redacting every exchange afresh gives, whatever repeats or changes', () => {
    const shared = new ExchangeBuilder();
    const ok: Header[] = [[':status', '200']];
    const variants: Variant[] = [];
    for (let n = 0; n < 40; n++) {
      const token = n.toString(16).padStart(64, '0');
      const own = jwt(n < 20 ? 1 : 2);
      variants.push({
        token,
        jwt: own,
        payload: n % 7 === 3 ? `{"secret":"${own}"}` : n % 11 === 5 ? Buffer.from(PAYLOAD) : PAYLOAD,
        secrets: n % 13 === 6 ? [] : undefined,
        response:
          n % 5 === 2
            ? [
                [':status', '400'],
                ['apns-id', `apns-${n}`],
              ]
            : ok,
        responseBody: n % 5 === 2 ? Buffer.from(JSON.stringify({ reason: 'BadDeviceToken', echoed: own })) : null,
        provider: n % 9 === 4 ? 'fcm' : 'apns',
      });
    }
    for (const [n, variant] of variants.entries()) {
      const { capture, request } = pair(variant, n);
      const fresh = new ExchangeBuilder().build(capture, request);
      const built = shared.build(capture, request);
      expect(built).toStrictEqual(fresh);
      if (variant.secrets === undefined) expect(JSON.stringify(built)).not.toContain(variant.jwt.split('.')[2]);
    }
  });

  it('shares the unchanged headers and bodies of consecutive exchanges of one kind', () => {
    const builder = new ExchangeBuilder();
    const variant = (token: string): Variant => ({
      token,
      jwt: jwt(1),
      payload: PAYLOAD,
      response: [[':status', '200']],
      responseBody: null,
    });
    const a = pair(variant('a'.repeat(64)), 1);
    const b = pair(variant('b'.repeat(64)), 2);
    const first = builder.build(a.capture, a.request);
    const second = builder.build(b.capture, b.request);
    expect(second.requestHeaders[0]).toBe(first.requestHeaders[0]);
    expect(second.requestHeaders[3]).toBe(first.requestHeaders[3]);
    expect(second.requestHeaders[3]![1]).toBe(`bearer ${jwt(1).slice(0, jwt(1).lastIndexOf('.'))}.[redacted]`);
    expect(second.requestHeaders[1]).not.toBe(first.requestHeaders[1]);
    expect(second.requestBody).toBe(first.requestBody);
    expect(second.responseHeaders[0]).toBe(first.responseHeaders[0]);
    expect(second.redactions).toBe(first.redactions);
    expect(second.redactions).toEqual([
      'request header authorization JWT signature',
      'request header x-echo secret value',
    ]);
  });
});

describe('ExchangeBuilder: the plaintext behind an encrypted body', () => {
  const plaintextPair = (plaintext: string, n: number, secrets: string[] = []) => {
    const request: TransportRequest = {
      method: 'POST',
      url: 'https://push.example.test/wpush/abc',
      body: new Uint8Array([1, 2, 3, 4]),
      secrets,
      meta: { purpose: 'send', provider: 'webpush', plaintext },
    };
    const capture = newCapture(`pt-${n}`, request, '1.1', 0);
    capture.status = 201;
    return { capture, request };
  };

  it('records it beside the ciphertext, shared between alike exchanges, and redacts a secret in it', () => {
    const builder = new ExchangeBuilder();
    const first = plaintextPair('{"title":"Hello"}', 1);
    const a = builder.build(first.capture, first.request);
    expect(a.requestPlaintext).toEqual({ encoding: 'text', data: '{"title":"Hello"}', size: 17, truncated: false });
    expect(a.requestBody?.encoding).toBe('base64');
    expect(a.redactions).toEqual([]);
    const second = plaintextPair('{"title":"Hello"}', 2);
    expect(builder.build(second.capture, second.request).requestPlaintext).toBe(a.requestPlaintext);
    const leaky = plaintextPair('{"title":"Hi","access_token":"ya29.live-token-value"}', 3, ['sekrit-value-1234']);
    const c = builder.build(leaky.capture, leaky.request);
    expect(c.requestPlaintext?.data).toBe('{"title":"Hi","access_token":"[redacted]"}');
    expect(c.redactions).toContain('request plaintext access_token');
  });
});
