import { describe, expect, it } from 'vitest';
import type { WnsSecret } from '../../../../../../main/core/credentials/wns';
import type { LocalEnvironment } from '../../../../../../main/core/local/local-env';
import { OAuthTokenError } from '../../../../../../main/core/providers/oauth-token';
import { tokenEndpoint, WnsTokenCache } from '../../../../../../main/core/providers/wns/token';
import type { Transport, TransportRequest, TransportResponse } from '../../../../../../main/core/transport/types';

const live: WnsSecret = {
  kind: 'wns',
  flavor: 'package-sid',
  packageSid: 'ms-app://s-1-15-2-1',
  clientSecret: 's3cr+t',
};
const entra: WnsSecret = { kind: 'wns', flavor: 'entra', tenantId: 'contoso', clientId: 'app', clientSecret: 'x' };
const local: LocalEnvironment = {
  pid: 1,
  startedAt: '',
  ca: 'PEM',
  wns: { baseUrl: 'https://127.0.0.1:9', tokenUrl: 'https://127.0.0.1:9/accesstoken.srf' },
  admin: {},
};

/** Answers token requests from a queue and records what was asked: the cache logic in isolation. */
function tokenServer(answers: Array<{ status: number; body: unknown }>) {
  const seen: TransportRequest[] = [];
  const transport: Transport = {
    async request(request): Promise<TransportResponse> {
      seen.push(request);
      const answer = answers.shift() ?? { status: 200, body: { access_token: `t${seen.length}`, expires_in: 3600 } };
      return {
        status: answer.status,
        headers: [],
        body: Buffer.from(JSON.stringify(answer.body)),
        httpVersion: '1.1',
        exchange: null,
        exchangeId: `x${seen.length}`,
        durationMs: 1,
      };
    },
    async close() {},
  };
  return { transport, seen };
}

describe('tokenEndpoint', () => {
  it('builds the Live form with the Package SID and scope notify.windows.com, URL-encoded', () => {
    const endpoint = tokenEndpoint(live, null);
    expect(endpoint.url).toBe('https://login.live.com/accesstoken.srf');
    expect(endpoint.body).toBe(
      'grant_type=client_credentials&client_id=ms-app%3A%2F%2Fs-1-15-2-1&client_secret=s3cr%2Bt&scope=notify.windows.com',
    );
    expect(endpoint.secrets).toEqual(['s3cr+t']);
  });

  it('builds the Entra request on the tenant path with the .default scope', () => {
    const endpoint = tokenEndpoint(entra, null);
    expect(endpoint.url).toBe('https://login.microsoftonline.com/contoso/oauth2/v2.0/token');
    expect(new URLSearchParams(endpoint.body).get('scope')).toBe('https://wns.windows.com/.default');
  });

  it('uses the emulator in local for both flows, and says so when it is not running', () => {
    expect(tokenEndpoint(live, local).url).toBe('https://127.0.0.1:9/accesstoken.srf');
    expect(tokenEndpoint(entra, local).url).toBe('https://127.0.0.1:9/contoso/oauth2/v2.0/token');
    expect(() => tokenEndpoint(live, { ...local, wns: undefined })).toThrow('The local WNS emulator is not running.');
  });
});

describe('WnsTokenCache', () => {
  const fetchFor = (transport: Transport, credentialId = 'c1', secret: WnsSecret = live) => ({
    transport,
    credentialId,
    secret,
    local: null,
    exchangeIds: [] as string[],
  });

  it('reuses a token until a minute before it expires, then fetches a new one', async () => {
    let clock = 0;
    const { transport, seen } = tokenServer([]);
    const cache = new WnsTokenCache(() => clock);
    expect(await cache.get(fetchFor(transport))).toMatchObject({ value: 't1', reused: false, expiresAt: 3_600_000 });
    clock = 3_539_000;
    expect(await cache.get(fetchFor(transport))).toMatchObject({ value: 't1', reused: true });
    clock = 3_540_000;
    expect(await cache.get(fetchFor(transport))).toMatchObject({ value: 't2', reused: false });
    expect(seen.map((r) => r.meta)).toEqual([
      { purpose: 'auth', provider: 'wns', target: 'login.live.com' },
      { purpose: 'auth', provider: 'wns', target: 'login.live.com' },
    ]);
  });

  it('keeps tokens per credential, and forgets one on invalidate', async () => {
    const { transport } = tokenServer([]);
    const cache = new WnsTokenCache(() => 0);
    await cache.get(fetchFor(transport, 'c1'));
    expect((await cache.get(fetchFor(transport, 'c2'))).value).toBe('t2');
    cache.invalidate('c1', null, live);
    expect((await cache.get(fetchFor(transport, 'c1'))).value).toBe('t3');
    expect((await cache.get(fetchFor(transport, 'c2'))).reused).toBe(true);
    expect(cache.requests).toBe(3);
  });

  it('accepts Entra expires_in as a string', async () => {
    const { transport } = tokenServer([
      { status: 200, body: { access_token: 'e', expires_in: '86399', token_type: 'Bearer' } },
    ]);
    const token = await new WnsTokenCache(() => 0).get(fetchFor(transport, 'e', entra));
    expect(token.expiresAt).toBe(86_399_000);
  });

  it('throws an OAuthTokenError with the OAuth error and the exchange id', async () => {
    const { transport } = tokenServer([
      { status: 400, body: { error: 'invalid_client', error_description: 'bad secret' } },
    ]);
    const fetch = fetchFor(transport);
    const error = await new WnsTokenCache().get(fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect(error).toMatchObject({ status: 400, reason: 'invalid_client', description: 'bad secret', exchangeId: 'x1' });
    expect((error as Error).message).toBe(
      'The WNS token endpoint refused the credential (400 invalid_client): bad secret',
    );
    expect(fetch.exchangeIds).toEqual(['x1']);
  });

  it('refuses a 200 without a token', async () => {
    const { transport } = tokenServer([{ status: 200, body: { hello: 1 } }]);
    await expect(new WnsTokenCache().get(fetchFor(transport))).rejects.toMatchObject({ reason: 'invalid_response' });
  });
});
