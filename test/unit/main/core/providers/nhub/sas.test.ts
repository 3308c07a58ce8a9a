import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NhubSecret } from '../../../../../../main/core/credentials/nhub-connection-string';
import {
  namespaceUrl,
  SAS_REFRESH_MARGIN_SECONDS,
  SasTokenCache,
  sasResourceUri,
  signSas,
} from '../../../../../../main/core/providers/nhub/sas';

/** Python's urllib.parse.quote, written out byte by byte: only A-Z a-z 0-9 _ . - ~ and `safe` stay. */
function pyQuote(text: string, safe: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    out +=
      /[A-Za-z0-9_.~-]/.test(ch) || safe.includes(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The Python sample's NotificationHub.__init__ + generate_sas_token, step by step, with a fixed expiry. */
function pythonSampleToken(connectionString: string, hubName: string, expiry: number): Record<string, string> {
  let endpoint = '';
  let keyName = '';
  let keyValue = '';
  for (const part of connectionString.split(';')) {
    if (part.startsWith('Endpoint')) endpoint = 'https' + part.slice(11).toLowerCase();
    if (part.startsWith('SharedAccessKeyName')) keyName = part.slice(20);
    if (part.startsWith('SharedAccessKey')) keyValue = part.slice(16);
  }
  const myUri = pyQuote(endpoint + hubName, '').toLowerCase();
  const toSign = `${myUri}\n${expiry}`;
  const digest = createHmac('sha256', Buffer.from(keyValue, 'utf8'))
    .update(Buffer.from(toSign, 'utf8'))
    .digest('base64');
  const signature = pyQuote(digest, '/');
  return { sig: signature, se: String(expiry), skn: keyName, sr: myUri };
}

function fields(token: string): Record<string, string> {
  expect(token.startsWith('SharedAccessSignature ')).toBe(true);
  return Object.fromEntries(
    token
      .slice('SharedAccessSignature '.length)
      .split('&')
      .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]),
  );
}

function secretFrom(connectionString: string, hubName: string): NhubSecret {
  const parts = Object.fromEntries(
    connectionString.split(';').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
  );
  return {
    kind: 'nhub',
    endpoint: parts['Endpoint']!,
    keyName: parts['SharedAccessKeyName']!,
    key: parts['SharedAccessKey']!,
    hubName,
  };
}

describe('SAS token', () => {
  const cases = [
    [
      'Endpoint=sb://Contoso-NS.servicebus.windows.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=Zm9vYmFy+/key=0',
      'Hub_0',
      1_700_000_000,
    ],
    [
      'Endpoint=sb://Contoso-NS.servicebus.windows.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=Zm9vYmFy+/key=2',
      'Hub_2',
      1_700_000_002,
    ],
    [
      'Endpoint=sb://my-ns.servicebus.windows.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=änderung!Key',
      'news.hub-1',
      1_893_456_000,
    ],
    [
      'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Send(Only)*;SharedAccessKey=k',
      "it's(hub)",
      1_800_000_000,
    ],
  ] as const;

  it.each(cases)('equals the Python sample algorithm for %s / %s', (connection, hub, expiry) => {
    const secret = secretFrom(connection, hub);
    const ours = signSas(sasResourceUri(secret), expiry, secret.keyName, secret.key);
    expect(fields(ours.token)).toEqual(pythonSampleToken(connection, hub, expiry));
  });

  it('matches tokens printed by the Python sample run under python3 (fixed inputs)', () => {
    // Output of the sample's generate_sas_token with get_expiry() fixed, run once with CPython 3.
    const printed = [
      ['Zm9vYmFy+/key=0', 'Hub_0', 1_700_000_000, 'tI3UqbSRVZRibVwX8nIrAw%2B5ITRBVVlNFRaXTMRLBvE%3D'],
      ['Zm9vYmFy+/key=2', 'Hub_2', 1_700_000_002, 'BP47LOvkW5uEeAbmkH1LsBN9L/ePJyP8%2BWz2Q8Dwrh0%3D'],
      ['Zm9vYmFy+/key=4', 'Hub_4', 1_700_000_004, 'v0Foa83MTmZi1BBRDKK2c/UrIDMqMnYuKF%2BYUAVkczU%3D'],
    ] as const;
    for (const [key, hub, se, sig] of printed) {
      const secret: NhubSecret = {
        kind: 'nhub',
        endpoint: 'sb://Contoso-NS.servicebus.windows.net/',
        keyName: 'DefaultFullSharedAccessSignature',
        key,
        hubName: hub,
      };
      const token = signSas(sasResourceUri(secret), se, secret.keyName, secret.key);
      expect(fields(token.token)).toEqual({
        sr: `https%3a%2f%2fcontoso-ns.servicebus.windows.net%2f${hub.toLowerCase()}`,
        sig,
        se: String(se),
        skn: 'DefaultFullSharedAccessSignature',
      });
    }
  });

  it('uses the key as text, not base64-decoded', () => {
    const resource = 'https%3a%2f%2fns.servicebus.windows.net%2fhub';
    const key = 'aGVsbG8=';
    const expected = createHmac('sha256', Buffer.from(key, 'utf8')).update(`${resource}\n100`).digest('base64');
    const decodedKey = createHmac('sha256', Buffer.from(key, 'base64')).update(`${resource}\n100`).digest('base64');
    const sig = decodeURIComponent(fields(signSas(resource, 100, 'k', key).token)['sig']!);
    expect(sig).toBe(expected);
    expect(sig).not.toBe(decodedKey);
  });

  it('reads the namespace from sb:// endpoints and refuses others with a human error', () => {
    expect(namespaceUrl({ endpoint: 'sb://My-NS.servicebus.windows.net/' })).toBe(
      'https://my-ns.servicebus.windows.net/',
    );
    expect(namespaceUrl({ endpoint: 'sb://ns.servicebus.windows.net' })).toBe('https://ns.servicebus.windows.net/');
    expect(() => namespaceUrl({ endpoint: 'my-ns' })).toThrow(/is not sb:\/\/\{namespace\}\.servicebus\.windows\.net/);
  });
});

describe('SasTokenCache', () => {
  const secret: NhubSecret = {
    kind: 'nhub',
    endpoint: 'sb://ns.servicebus.windows.net/',
    keyName: 'Full',
    key: 'secret-key',
    hubName: 'hub',
  };

  it('reuses a token until two minutes before expiry, then signs a new one', () => {
    let now = 1_700_000_000_000;
    const cache = new SasTokenCache(() => now);
    const first = cache.get('cred-1', secret, 600);
    expect(first.reused).toBe(false);
    expect(first.expiresAt).toBe(1_700_000_600);
    now += (600 - SAS_REFRESH_MARGIN_SECONDS - 1) * 1000;
    const second = cache.get('cred-1', secret, 600);
    expect(second.reused).toBe(true);
    expect(second.token).toBe(first.token);
    now += 1000;
    const third = cache.get('cred-1', secret, 600);
    expect(third.reused).toBe(false);
    expect(third.token).not.toBe(first.token);
  });

  it('keys tokens by credential id, re-signs when the key changes and after invalidate', () => {
    const cache = new SasTokenCache(() => 1_700_000_000_000);
    const a = cache.get('a', secret);
    expect(cache.get('b', secret).reused).toBe(false);
    expect(cache.get('a', secret).reused).toBe(true);
    const rotated = cache.get('a', { ...secret, key: 'rotated' });
    expect(rotated.reused).toBe(false);
    expect(rotated.signature).not.toBe(a.signature);
    cache.invalidate('a');
    expect(cache.get('a', { ...secret, key: 'rotated' }).reused).toBe(false);
  });
});
