import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DecodedTab } from '../../../../../renderer/features/exchanges/DecodedTab';
import { decodeJwts, formatAge, prettyBody, rawMessage } from '../../../../../renderer/features/exchanges/decode';
import { MessageTab } from '../../../../../renderer/features/exchanges/MessageTab';
import { TimelineTab } from '../../../../../renderer/features/exchanges/TimelineTab';
import { TlsTab } from '../../../../../renderer/features/exchanges/TlsTab';
import { makeExchange, makeResult } from '../../../../support/history-fixtures';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sentAt = '2026-11-23T10:00:00.000Z';
const iat = Date.parse(sentAt) / 1000 - 125;
// As the transport records it: header and claims kept, signature replaced.
const jwt = `${b64({ alg: 'ES256', kid: 'ABC123DEFG' })}.${b64({ iss: 'TEAM123456', iat })}.[redacted]`;
const apns = makeExchange(0, {
  provider: 'apns',
  startedAt: sentAt,
  requestHeaders: [
    [':method', 'POST'],
    [':path', '/3/device/abc'],
    ['authorization', `bearer ${jwt}`],
  ],
  responseHeaders: [
    [':status', '200'],
    ['apns-id', 'A1B2'],
    ['apns-unique-id', 'U-1'],
  ],
  status: 200,
  responseBody: null,
  tls: {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    alpn: 'h2',
    peerCertificate: null,
    peerChain: [
      {
        subject: 'CN=api.push.apple.com',
        issuer: 'CN=Apple CA',
        validFrom: 'a',
        validTo: 'b',
        fingerprint256: 'AA:BB',
      },
    ],
    clientCertificateSubject: null,
  },
  connectionReused: false,
  timings: { dns: 1.5, connect: 3, tls: 12, send: 0.4, ttfb: 40, download: 0.2, total: 57 },
});

describe('exchange decoding', () => {
  it('decodes a redacted bearer JWT and its iat age when sent', () => {
    const [decoded] = decodeJwts(apns);
    expect(decoded).toEqual({
      where: 'authorization',
      header: { alg: 'ES256', kid: 'ABC123DEFG' },
      claims: { iss: 'TEAM123456', iat },
      iatAgeSeconds: 125,
    });
    expect(formatAge(125)).toBe('2 min old');
    expect(formatAge(-30)).toBe('30 s in the future');
  });

  it('decodes the JWT in a VAPID authorization', () => {
    const webpush = makeExchange(3, {
      requestHeaders: [['Authorization', `vapid t=${jwt}, k=BPUBLIC`]],
    });
    expect(decodeJwts(webpush)[0]?.claims).toEqual({ iss: 'TEAM123456', iat });
  });

  it('shows HTTP/2 pseudo-headers raw, and HTTP/1.1 with a request line', () => {
    expect(rawMessage(apns, 'request').split('\n').slice(0, 2)).toEqual([':method: POST', ':path: /3/device/abc']);
    const h1 = makeExchange(1, {
      httpVersion: '1.1',
      url: 'https://h.example/wpush/x?y=1',
      requestHeaders: [['TTL', '60']],
    });
    expect(rawMessage(h1, 'request').split('\n').slice(0, 2)).toEqual(['POST /wpush/x?y=1 HTTP/1.1', 'TTL: 60']);
    expect(rawMessage(h1, 'response').split('\n')[0]).toBe('HTTP/1.1 200');
  });

  it('pretty-prints JSON and XML bodies', () => {
    expect(prettyBody('{"a":{"b":1}}').text).toBe('{\n  "a": {\n    "b": 1\n  }\n}');
    expect(
      prettyBody('<toast><visual><binding template="ToastGeneric"><text>Hi</text></binding></visual></toast>'),
    ).toEqual({
      kind: 'xml',
      text: '<toast>\n  <visual>\n    <binding template="ToastGeneric">\n      <text>Hi</text>\n    </binding>\n  </visual>\n</toast>',
    });
  });
});

describe('exchange detail tabs', () => {
  it('Timeline lists every phase with its time and the TLS facts', () => {
    const html = renderToStaticMarkup(<TimelineTab exchange={apns} />);
    for (const row of [
      'dns',
      'connect',
      'tls',
      'request-headers',
      'request-body',
      'response-headers',
      'response-body',
      'total',
    ]) {
      expect(html).toContain(`data-testid="timeline-${row}"`);
    }
    expect(html).toContain('TLSv1.3 · TLS_AES_128_GCM_SHA256 · ALPN h2');
    expect(html).toContain('12 ms');
    const reused = renderToStaticMarkup(<TimelineTab exchange={{ ...apns, connectionReused: true }} />);
    expect(reused).toContain('Reused connection #1: no DNS, connect or TLS');
  });

  it('Decoded shows the JWT claims, the APNs ids with the Delivery Log note, and WNS headers', () => {
    const html = renderToStaticMarkup(<DecodedTab exchange={apns} />);
    expect(html).toContain('TEAM123456');
    expect(html).toContain('2 min old');
    expect(html).toContain('apns-unique-id');
    expect(html).toContain('Delivery Log');
    const wns = makeExchange(2, {
      provider: 'wns',
      responseHeaders: [
        ['X-WNS-Status', 'received'],
        ['X-WNS-Msg-ID', '1234'],
      ],
    });
    expect(renderToStaticMarkup(<DecodedTab exchange={wns} />)).toContain('X-WNS-Msg-ID');
  });

  it('Request shows the headers table by default and TLS the chain', () => {
    expect(renderToStaticMarkup(<MessageTab exchange={apns} side="request" />)).toContain(':path');
    const tls = renderToStaticMarkup(<TlsTab exchange={apns} />);
    expect(tls).toContain('CN=api.push.apple.com');
    expect(tls).toContain('none sent');
  });

  it('Decoded shows the Notification Hubs outcome from the send result as a table', () => {
    const exchange = makeExchange(4, { provider: 'nhub' });
    const result = makeResult(4, {
      provider: 'nhub',
      explanation: 'The hub accepted it; one registration failed.',
      details: {
        notificationOutcome: {
          success: 1,
          failure: 1,
          results: [
            { platform: 'apple', registrationId: 'reg-1', pnsHandle: 'abc', outcome: 'Succeeded' },
            { platform: 'gcm', registrationId: 'reg-2', pnsHandle: 'def', outcome: 'InvalidCredentials' },
          ],
        },
      },
    });
    const html = renderToStaticMarkup(<DecodedTab exchange={exchange} result={result} />);
    expect(html).toContain('data-testid="decoded-nh-outcome"');
    expect(html).toContain('1 succeeded, 1 failed');
    expect(html).toContain('InvalidCredentials');
    expect(html).toContain('one registration failed');
  });
});
