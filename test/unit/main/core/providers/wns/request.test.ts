import { describe, expect, it } from 'vitest';
import { buildWnsRequest, newCorrelationVector } from '../../../../../../main/core/providers/wns/request';
import { wnsOptionsSchema, type WnsOptionsInput } from '../../../../../../shared/providers/wns/message';

const target = 'https://wns2-by3p.notify.windows.com/?token=AwYAAAD%2Babc';
const build = (options: WnsOptionsInput, payload = '<toast/>') =>
  buildWnsRequest({ target, payload, options: wnsOptionsSchema.parse(options) }, 'TOKEN', 'cv0123456789abcd.0');

describe('buildWnsRequest', () => {
  it.each([
    ['toast', 'text/xml'],
    ['tile', 'text/xml'],
    ['badge', 'text/xml'],
    ['raw', 'application/octet-stream'],
  ] as const)('POSTs wns/%s with Content-Type %s, bearer token and MS-CV', (type, contentType) => {
    const built = build({ type });
    expect(built.method).toBe('POST');
    expect(built.url).toBe(target);
    expect(built.headers).toEqual([
      ['Authorization', 'Bearer TOKEN'],
      ['Content-Type', contentType],
      ['X-WNS-Type', `wns/${type}`],
      ['MS-CV', 'cv0123456789abcd.0'],
    ]);
    expect(built.body?.toString('utf8')).toBe('<toast/>');
  });

  it('adds every optional header in the documented order', () => {
    const built = build({
      type: 'tile',
      cachePolicy: 'no-cache',
      requestForStatus: true,
      tag: 'abc',
      group: 'g1',
      ttl: 0,
      suppressPopup: false,
      priority: 2,
    });
    expect(built.headers.slice(3, -1)).toEqual([
      ['X-WNS-Cache-Policy', 'no-cache'],
      ['X-WNS-RequestForStatus', 'true'],
      ['X-WNS-Tag', 'abc'],
      ['X-WNS-Group', 'g1'],
      ['X-WNS-TTL', '0'],
      ['X-WNS-SuppressPopup', 'false'],
      ['X-WNS-PRIORITY', '2'],
    ]);
  });

  it('turns X-WNS-Match into a DELETE without body or content type', () => {
    const built = build({ type: 'toast', match: 'type:wns/toast;all' });
    expect(built).toEqual({
      url: target,
      method: 'DELETE',
      headers: [
        ['Authorization', 'Bearer TOKEN'],
        ['X-WNS-Match', 'type:wns/toast;all'],
        ['MS-CV', 'cv0123456789abcd.0'],
      ],
    });
  });

  it('encodes the body as UTF-8', () => {
    expect(build({ type: 'raw' }, 'é☺').body).toEqual(Buffer.from('é☺', 'utf8'));
  });

  it('refuses a channel that is not an https URL, with a human message', () => {
    expect(() =>
      buildWnsRequest(
        { target: 'http://x.notify.windows.com/', payload: '', options: wnsOptionsSchema.parse({}) },
        't',
      ),
    ).toThrow('The channel URI is not an https URL.');
  });

  it('makes a new correlation vector per request', () => {
    const a = newCorrelationVector();
    expect(a).toMatch(/^[A-Za-z0-9+/]{16}\.0$/);
    expect(newCorrelationVector()).not.toBe(a);
  });
});
