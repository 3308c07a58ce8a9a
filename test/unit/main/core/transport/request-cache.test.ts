import { describe, expect, it } from 'vitest';
import { RequestCache } from '../../../../../main/core/transport/request-cache';

describe("a transport's request cache", () => {
  it('parses an origin once per cache, not once per process', () => {
    const cache = new RequestCache();
    const first = cache.target('https://push.example:2197/3/device/aa');
    const second = cache.target('https://push.example:2197/3/device/bb');
    expect(first).toMatchObject({ path: '/3/device/aa', origin: { hostname: 'push.example', port: 2197 } });
    expect(second.path).toBe('/3/device/bb');
    expect(second.origin).toBe(first.origin);
    // Another transport keeps its own: nothing it learnt hangs off the module.
    expect(new RequestCache().target('https://push.example:2197/3/device/aa').origin).not.toBe(first.origin);
  });

  it('still escapes odd paths through URL and refuses what cannot be sent', () => {
    const cache = new RequestCache();
    cache.target('https://push.example/warm');
    expect(cache.target('https://push.example/a b/../c').path).toBe('/c');
    expect(() => cache.target('ftp://push.example/x')).toThrow('Only http and https URLs can be sent (got ftp:)');
    expect(() => cache.target('not a url')).toThrow('"not a url" is not a valid URL');
  });

  it('keys connections by TLS identity: the same CA text shares one, another CA or a client cert does not', () => {
    const cache = new RequestCache();
    const { origin } = cache.target('https://push.example/x');
    const plain = cache.poolKey(origin, undefined);
    const ca = cache.poolKey(origin, { ca: 'CA PEM' });
    expect(cache.poolKey(origin, { ca: 'CA PEM' })).toBe(ca);
    expect(new Set([plain, ca, cache.poolKey(origin, { ca: 'OTHER PEM' })]).size).toBe(3);
    expect(cache.poolKey(origin, { ca: 'CA PEM', clientCert: 'C', clientKey: 'K' })).not.toBe(ca);
  });

  it('lower-cases header names', () => {
    expect(new RequestCache().lowerName('APNs-Push-Type')).toBe('apns-push-type');
  });
});
