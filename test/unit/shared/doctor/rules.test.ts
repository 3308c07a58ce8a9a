import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../../shared/doctor/diagnose';
import { groupByCause } from '../../../../shared/doctor/groups';
import type { DiagnosisInput } from '../../../../shared/doctor/input';
import type { Exchange } from '../../../../shared/domain/exchange';
import type { SendResult } from '../../../../shared/domain/send-result';
import { diagnoseNhub } from '../../../../shared/providers/nhub/diagnose';
import { diagnoseWebpush } from '../../../../shared/providers/webpush/diagnose';
import { diagnoseWns } from '../../../../shared/providers/wns/diagnose';

/** The pure rules on exchanges the emulators cannot produce through the core (it never asks for a wrong scope or aud). */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function exchange(fields: Partial<Exchange>): Exchange {
  return {
    id: 'x1',
    startedAt: '2026-12-03T10:00:00.000Z',
    purpose: 'send',
    method: 'POST',
    url: 'https://example.invalid/',
    httpVersion: '1.1',
    requestHeaders: [],
    requestBody: null,
    status: 400,
    responseHeaders: [],
    responseBody: null,
    timings: { dns: -1, connect: -1, tls: -1, send: 0, ttfb: 0, download: 0, total: 0 },
    tls: null,
    connectionId: 1,
    connectionReused: false,
    remoteAddress: null,
    error: null,
    redactions: [],
    ...fields,
  };
}

function input(
  provider: SendResult['provider'],
  status: number,
  exchanges: Exchange[],
  extra: Partial<DiagnosisInput> = {},
): DiagnosisInput {
  return {
    result: {
      provider,
      target: 't',
      outcome: 'rejected',
      status,
      reason: `HTTP ${status}`,
      explanation: 'e',
      hint: 'h',
    },
    exchanges,
    request: null,
    credential: null,
    ...extra,
  };
}

describe('WNS rules', () => {
  it('401 with a token asked for another scope: the scope first, quoting it', () => {
    const auth = exchange({
      id: 'a1',
      purpose: 'auth',
      url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
      requestBody: {
        encoding: 'text',
        data: 'grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default',
        size: 10,
        truncated: false,
      },
    });
    const send = exchange({ status: 401, responseHeaders: [['WWW-Authenticate', 'Bearer error="invalid_token"']] });
    const cause = diagnoseWns(input('wns', 401, [auth, send]))!.causes[0]!;
    expect(cause.id).toBe('wns.unauthorized.scope');
    expect(cause.evidence).toContainEqual({
      source: 'auth exchange',
      name: 'scope',
      quote: 'https://graph.microsoft.com/.default',
    });
  });

  it('401 with a bearer JWT for another audience: the scope first, quoting aud and the WNS scope asked for', () => {
    const auth = exchange({
      id: 'a1',
      purpose: 'auth',
      requestBody: {
        encoding: 'text',
        data: 'grant_type=client_credentials&scope=https%3A%2F%2Fwns.windows.com%2F.default',
        size: 10,
        truncated: false,
      },
    });
    const bearer = (aud: unknown) =>
      `Bearer ${b64({ typ: 'JWT', alg: 'RS256' })}.${b64({ aud, appid: 'a' })}.[redacted]`;
    const send = (aud: unknown) => exchange({ status: 401, requestHeaders: [['Authorization', bearer(aud)]] });
    const cause = diagnoseWns(input('wns', 401, [auth, send('https://graph.microsoft.com')]))!.causes[0]!;
    expect(cause).toMatchObject({ id: 'wns.unauthorized.scope', likelihood: 'likely' });
    expect(cause.title).toBe('The access token is for another service than WNS');
    expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'aud', quote: 'https://graph.microsoft.com' });
    expect(cause.evidence).toContainEqual({
      source: 'auth exchange',
      name: 'scope',
      quote: 'https://wns.windows.com/.default',
    });
    // A token for WNS (alone or in a list) says nothing against the scope.
    for (const aud of ['https://wns.windows.com', ['https://graph.microsoft.com', 'https://wns.windows.com']]) {
      const first = diagnoseWns(input('wns', 401, [auth, send(aud)]))!.causes[0]!;
      expect(first.id).toBe('wns.unauthorized.token');
    }
  });
});

describe('Web Push rules', () => {
  const auth = (claims: Record<string, unknown>) =>
    `vapid t=${b64({ typ: 'JWT', alg: 'ES256' })}.${b64(claims)}.[redacted], k=BPub`;
  const date: [string, string] = ['date', 'Thu, 03 Dec 2026 10:00:00 GMT'];
  const now = Date.parse(date[1]) / 1000;

  it('403 with aud not the endpoint origin: aud first, quoting aud and the origin', () => {
    const send = exchange({
      url: 'https://web.push.apple.com/QGx1',
      status: 403,
      requestHeaders: [
        ['authorization', auth({ aud: 'https://fcm.googleapis.com', exp: now + 3600, sub: 'mailto:ops@example.com' })],
      ],
      responseHeaders: [date],
    });
    const cause = diagnoseWebpush(input('webpush', 403, [send]))!.causes[0]!;
    expect(cause.id).toBe('webpush.forbidden.aud');
    expect(cause.evidence).toEqual([
      { source: 'jwt claim', name: 'aud', quote: 'https://fcm.googleapis.com' },
      { source: 'request', name: 'endpoint origin', quote: 'https://web.push.apple.com' },
    ]);
  });

  it('403 whose body names another aud than the endpoint’s origin: aud first, quoting all three', () => {
    const answer = (message: string) =>
      exchange({
        url: 'https://push.example.net:8443/wpush/v2/x',
        status: 403,
        requestHeaders: [
          ['authorization', auth({ aud: 'https://push.example.net:8443', exp: now + 3600, sub: 'mailto:a@b.c' })],
        ],
        responseHeaders: [date],
        responseBody: {
          encoding: 'text',
          data: JSON.stringify({ code: 403, errno: 109, error: 'Forbidden', message }),
          size: 100,
          truncated: false,
        },
      });
    const named = answer(
      'The JWT aud is "https://push.example.net:8443"; this push service is https://push.example.com.',
    );
    const cause = diagnoseWebpush(input('webpush', 403, [named]))!.causes[0]!;
    expect(cause.id).toBe('webpush.forbidden.aud');
    expect(cause.title).toBe('The push service takes another aud than the endpoint’s origin');
    expect(cause.evidence).toEqual([
      { source: 'jwt claim', name: 'aud', quote: 'https://push.example.net:8443' },
      { source: 'request', name: 'endpoint origin', quote: 'https://push.example.net:8443' },
      { source: 'response body', name: 'expected aud', quote: 'https://push.example.com' },
    ]);
    // A body that names a URL but not the aud says nothing about it.
    const other = answer('See https://push.example.com/docs for VAPID keys.');
    expect(diagnoseWebpush(input('webpush', 403, [other]))!.causes[0]!.id).toBe('webpush.forbidden.key');
  });

  it('403 from Apple for a localhost sub ranks the subject over everything', () => {
    const send = exchange({
      url: 'https://web.push.apple.com/QGx1',
      status: 403,
      requestHeaders: [
        ['authorization', auth({ aud: 'https://web.push.apple.com', exp: now + 3600, sub: 'mailto:me@localhost' })],
      ],
      responseBody: { encoding: 'text', data: '{"reason":"BadJwtToken"}', size: 24, truncated: false },
      responseHeaders: [date],
    });
    const cause = diagnoseWebpush(input('webpush', 403, [send]))!.causes[0]!;
    expect(cause.id).toBe('webpush.forbidden.sub');
    expect(cause.title).toMatch(/^Apple refuses/);
    expect(cause.evidence).toContainEqual({ source: 'response body', name: 'body', quote: '{"reason":"BadJwtToken"}' });
  });

  it('403 with an exp in the past by the service’s Date: expired', () => {
    const send = exchange({
      url: 'https://updates.push.services.mozilla.com/wpush/v2/x',
      status: 403,
      requestHeaders: [
        [
          'authorization',
          auth({ aud: 'https://updates.push.services.mozilla.com', exp: now - 10, sub: 'mailto:a@b.c' }),
        ],
      ],
      responseHeaders: [date],
    });
    const cause = diagnoseWebpush(input('webpush', 403, [send]))!.causes[0]!;
    expect(cause.id).toBe('webpush.forbidden.expired');
    expect(cause.evidence).toEqual([
      { source: 'jwt claim', name: 'exp', quote: String(now - 10) },
      { source: 'response header', name: 'date', quote: date[1] },
    ]);
  });

  it('413 quotes the encrypted body size', () => {
    const send = exchange({ status: 413, requestBody: { encoding: 'base64', data: '', size: 4200, truncated: true } });
    const cause = diagnoseWebpush(input('webpush', 413, [send]))!.causes[0]!;
    expect(cause.id).toBe('webpush.too-large');
    expect(cause.evidence).toContainEqual({ source: 'request body', name: 'size', quote: '4,200 bytes' });
  });
});

describe('Notification Hubs rules', () => {
  const outcome = { success: 0, failure: 0, results: [] };
  const accepted = (headers: Array<[string, string]>, body: string): DiagnosisInput => ({
    ...input('nhub', 201, [
      exchange({
        status: 201,
        requestHeaders: headers,
        requestBody: { encoding: 'text', data: body, size: body.length, truncated: false },
      }),
    ]),
    result: {
      provider: 'nhub',
      target: 'sports',
      outcome: 'accepted',
      status: 201,
      reason: null,
      explanation: null,
      hint: null,
      details: { notificationOutcome: outcome },
    },
  });

  it('a test send reaching nobody with an FCM v1 body lacking "message": the template shape first', () => {
    const cause = diagnoseNhub(
      accepted(
        [
          ['ServiceBusNotification-Format', 'fcmv1'],
          ['ServiceBusNotification-Tags', 'sports'],
        ],
        '{"notification":{"title":"x"}}',
      ),
    )!.causes[0]!;
    expect(cause.id).toBe('nhub.no-match.fcmv1-template');
    expect(cause.evidence).toContainEqual({
      source: 'response body',
      name: 'NotificationOutcome',
      quote: 'Success 0, Failure 0, 0 registrations',
    });
  });

  it('a test send reaching nobody with a proper body: no registration has the tags, and how to list them', () => {
    const cause = diagnoseNhub(
      accepted(
        [
          ['ServiceBusNotification-Format', 'fcmv1'],
          ['ServiceBusNotification-Tags', 'sports && en'],
        ],
        '{"message":{"notification":{"title":"x"}}}',
      ),
    )!.causes[0]!;
    expect(cause.id).toBe('nhub.no-match.tags');
    expect(cause.evidence).toContainEqual({
      source: 'request header',
      name: 'ServiceBusNotification-Tags',
      quote: 'sports && en',
    });
    expect(cause.fix).toMatch(/\/registrations\//);
  });

  const sampled = (hubSample: unknown, format = 'template', tags = 'legacy'): DiagnosisInput => {
    const base = accepted(
      [
        ['ServiceBusNotification-Format', format],
        ['ServiceBusNotification-Tags', tags],
      ],
      format === 'template' ? '{"title":"x"}' : '{"message":{"notification":{"title":"x"}}}',
    );
    return { ...base, result: { ...base.result, details: { notificationOutcome: outcome, hubSample } } };
  };
  const sample = {
    read: 3,
    more: false,
    tags: ['legacy', 'news'],
    tagsTruncated: false,
    tagMatches: 1,
    formatMatches: 1,
    unwrappedFcmV1: [{ registrationId: '123-1', kind: 'FcmV1Template', keys: ['notification', 'data'] }],
  };

  it('the hub sample names an FcmV1 template without "message" the send reached: that first, quoting id and keys', () => {
    const cause = diagnoseNhub(sampled({ sample }))!.causes[0]!;
    expect(cause.id).toBe('nhub.no-match.fcmv1-template');
    expect(cause.evidence).toContainEqual({
      source: 'hub registrations',
      name: 'FcmV1Template',
      quote: '123-1: top-level keys notification, data, no "message"',
    });
    expect(cause.fix).toMatch(/Wrap the template/);
  });

  it('the hub sample with no registration matching the tags: tags first, listing the tags and saying when cut', () => {
    const none = { ...sample, tagMatches: 0, formatMatches: 0, unwrappedFcmV1: [] };
    const diagnosis = diagnoseNhub(sampled({ sample: none }, 'fcmv1', 'sports'))!;
    expect(diagnosis.causes[0]!.id).toBe('nhub.no-match.tags');
    expect(diagnosis.causes[0]!.evidence).toContainEqual({
      source: 'hub registrations',
      name: 'tags',
      quote: 'tags in the hub: legacy, news (in 3 registrations)',
    });
    const cut = { ...none, read: 100, more: true, tags: ['a', 'b'], tagsTruncated: true };
    expect(diagnoseNhub(sampled({ sample: cut }, 'fcmv1', 'sports'))!.causes[0]!.evidence).toContainEqual({
      source: 'hub registrations',
      name: 'tags',
      quote: 'tags in the hub: a, b, … (the first 2; there are more) (in the first 100 registrations)',
    });
  });

  it('the hub sample with tags matching but no registration of the format: the format first', () => {
    const otherFormat = { ...sample, formatMatches: 0, unwrappedFcmV1: [] };
    const causes = diagnoseNhub(sampled({ sample: otherFormat }, 'apple', 'news'))!.causes;
    expect(causes.map((c) => c.id)).toEqual([
      'nhub.no-match.format',
      'nhub.no-match.fcmv1-template',
      'nhub.no-match.tags',
    ]);
    expect(causes[2]!.likelihood).toBe('possible');
  });

  it('a sample that could not be read is evidence, and the tags stay first; a malformed one is ignored', () => {
    const cause = diagnoseNhub(sampled({ unavailable: 'This key ("SendOnly") has no Listen/Manage right' }, 'fcmv1'))!
      .causes[0]!;
    expect(cause.id).toBe('nhub.no-match.tags');
    expect(cause.evidence).toContainEqual({
      source: 'hub registrations',
      name: 'not read',
      quote: 'This key ("SendOnly") has no Listen/Manage right',
    });
    const ignored = diagnoseNhub(sampled({ sample: { read: 'x' } }, 'fcmv1'))!.causes[0]!;
    expect(ignored.evidence.some((e) => e.source === 'hub registrations')).toBe(false);
  });

  it('401 with a Listen-only key: the rights, quoting the key name and rights', () => {
    const cause = diagnoseNhub(
      input('nhub', 401, [exchange({ status: 401 })], {
        credential: { kind: 'nhub', metadata: { keyName: 'DefaultListenSharedAccessSignature', rights: 'Listen' } },
      }),
    )!.causes[0]!;
    expect(cause.id).toBe('nhub.unauthorized.rights');
    expect(cause.evidence).toContainEqual({ source: 'credential', name: 'rights', quote: 'Listen' });
  });
});

describe('the fallback and the grouping', () => {
  it('a reason without rules still gets one cause: the result’s own explanation and hint, quoting the answer', () => {
    const d = diagnose(
      input('wns', 500, [
        exchange({ status: 500, responseBody: { encoding: 'text', data: 'oops', size: 4, truncated: false } }),
      ]),
      diagnoseWns,
    )!;
    expect(d.causes).toEqual([
      {
        id: 'wns.HTTP 500',
        title: 'e',
        rank: 1,
        likelihood: 'likely',
        evidence: [
          { source: 'response header', name: ':status', quote: '500' },
          { source: 'response body', name: 'body', quote: 'oops' },
        ],
        fix: 'h',
      },
    ]);
  });

  it('groups sends by first cause, the most frequent first, with the newest as the example', () => {
    const send = (id: string, cause: string, at: string) =>
      ({
        id,
        provider: 'apns',
        target: 't',
        startedAt: at,
        reason: 'r',
        status: 400,
        exchangeIds: [`${id}-x`],
        diagnosis: { causes: [{ id: cause, title: cause, rank: 1, likelihood: 'likely', evidence: [], fix: 'f' }] },
      }) as unknown as SendResult;
    const groups = groupByCause([send('a', 'one', '1'), send('b', 'two', '2'), send('c', 'two', '3')]);
    expect(groups.map((g) => [g.id, g.count, g.latest.id])).toEqual([
      ['two', 2, 'c'],
      ['one', 1, 'a'],
    ]);
  });
});
