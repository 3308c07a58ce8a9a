import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type RecordingTransport } from '../../../../../main/core/transport';
import { exchangeToCurl } from '../../../../../main/core/transport/curl';
import { exchangesToHar } from '../../../../../main/core/transport/har';
import { REDACTED, redactHeaders, redactText } from '../../../../../main/core/transport/redact';
import type { Exchange } from '../../../../../shared/domain/exchange';
import { startServer, type TestServer } from '../../../../support/http-servers';

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwtHeader = b64url({ alg: 'ES256', kid: 'ABC123DEFG' });
const jwtClaims = b64url({ iss: 'TEAM123456', iat: 1_700_000_000 });
const SIGNATURE = 'c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1sZWFr';
const JWT = `${jwtHeader}.${jwtClaims}.${SIGNATURE}`;
const ASSERTION_SIG = 'YXNzZXJ0aW9uLXNpZ25hdHVyZS1zZWNyZXQ';
const ASSERTION = `${jwtHeader}.${jwtClaims}.${ASSERTION_SIG}`;
const CLIENT_SECRET = 'cl1ent-s3cret-value-xyz';
const SAS_SIG = 'c2FzLXNpZ25hdHVyZQ%3D%3D';
const SERVER_KEY = 'AAAAserverKeyThatIsSecret';
const ACCESS_TOKEN = 'ya29.access-token-secret-abcdef';
const REFRESH_TOKEN = '1//refresh-token-secret-ghijkl';
const ID_SIG = 'aWQtdG9rZW4tc2lnbmF0dXJl';
const CUSTOM_SECRET = 'planted-custom-secret-42';
const PRIVATE_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const KEY_BODY = PRIVATE_KEY.split('\n')[1]!; // a line of the base64 key material

const SECRETS = [
  SIGNATURE,
  ASSERTION_SIG,
  CLIENT_SECRET,
  SAS_SIG,
  SERVER_KEY,
  ACCESS_TOKEN,
  REFRESH_TOKEN,
  ID_SIG,
  CUSTOM_SECRET,
  KEY_BODY,
];

function expectClean(text: string): void {
  for (const secret of SECRETS) expect(text, `leaked ${secret}`).not.toContain(secret);
  expect(text).not.toContain(JSON.stringify(PRIVATE_KEY).slice(30, 60));
}

let server: TestServer;
let h2c: TestServer;
let transport: RecordingTransport;
const recorded: Exchange[] = [];

beforeAll(async () => {
  const tokenResponse = JSON.stringify({
    access_token: ACCESS_TOKEN,
    refresh_token: REFRESH_TOKEN,
    id_token: `${jwtHeader}.${jwtClaims}.${ID_SIG}`,
    expires_in: 3599,
  });
  server = await startServer({
    kind: 'h1-plain',
    handler: (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.setHeader('set-cookie', `session=${CUSTOM_SECRET}`);
      response.end(tokenResponse);
    },
  });
  h2c = await startServer({ kind: 'h2c' });
  transport = createTransport({ onExchange: (exchange) => recorded.push(exchange) });
});

afterAll(async () => {
  await transport.close();
  await server.close();
  await h2c.close();
});

describe('redaction at record time', () => {
  it('keeps planted secrets out of exchanges, curl and HAR, and JWT claims readable', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'my-client',
      client_secret: CLIENT_SECRET,
      client_assertion: ASSERTION,
      scope: 'notify.windows.com',
    }).toString();
    await transport.request({
      url: `${server.url}/token?access_token=${ACCESS_TOKEN}`,
      method: 'POST',
      headers: [
        ['content-type', 'application/x-www-form-urlencoded'],
        ['authorization', `Bearer ${JWT}`],
        ['x-extra', `value with ${CUSTOM_SECRET} inside`],
      ],
      body: form,
      secrets: [CUSTOM_SECRET],
      meta: { purpose: 'auth' },
    });
    await transport.request({
      url: `${server.url}/oauth2`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `vapid t=${JWT}, k=BPublicKeyStaysVisible` },
      body: JSON.stringify({
        assertion: ASSERTION,
        service_account: { private_key: PRIVATE_KEY, client_email: 'sa@example.iam.gserviceaccount.com' },
      }),
    });
    await transport.request({
      url: `${h2c.url}/messages`,
      method: 'POST',
      http2: true,
      headers: [
        [
          'authorization',
          `SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net&sig=${SAS_SIG}&se=1700000000&skn=DefaultFullSharedAccessSignature`,
        ],
        ['x-legacy', 'x'],
      ],
      body: `{"raw":"${PRIVATE_KEY.replace(/\n/g, '\\n')}"}`,
    });
    await transport.request({
      url: `${h2c.url}/fcm/send`,
      method: 'POST',
      http2: true,
      headers: [['Authorization', `key=${SERVER_KEY}`]],
      body: '{}',
    });
    expect(recorded).toHaveLength(4);
    const [token, oauth, sas, legacy] = recorded as [Exchange, Exchange, Exchange, Exchange];

    // Exchanges, as the list, history and viewer get them.
    expectClean(JSON.stringify(recorded));
    // Curl (redacted by default) and HAR.
    for (const exchange of recorded) expectClean(exchangeToCurl(exchange));
    expectClean(JSON.stringify(exchangesToHar(recorded, 'test')));

    // What stays useful.
    expect(token.requestHeaders).toContainEqual(['authorization', `Bearer ${jwtHeader}.${jwtClaims}.${REDACTED}`]);
    expect(token.requestBody!.data).toContain(`client_assertion=${jwtHeader}.${jwtClaims}.${REDACTED}`);
    expect(token.requestBody!.data).toContain(`client_secret=${REDACTED}`);
    expect(token.requestBody!.data).toContain('client_id=my-client');
    expect(token.responseBody!.data).toContain(`"id_token":"${jwtHeader}.${jwtClaims}.${REDACTED}"`);
    expect(token.responseBody!.data).toContain('"expires_in":3599');
    expect(token.redactions).toEqual(
      expect.arrayContaining([
        'request header authorization JWT signature',
        'request body client_secret',
        'request body client_assertion JWT signature',
        'response body access_token',
        'response body refresh_token',
        'response body id_token JWT signature',
        'response header set-cookie',
        'url query access_token',
      ]),
    );
    expect(oauth.requestHeaders).toContainEqual([
      'authorization',
      `vapid t=${jwtHeader}.${jwtClaims}.${REDACTED}, k=BPublicKeyStaysVisible`,
    ]);
    expect(oauth.requestBody!.data).toContain('"private_key":"[redacted]"');
    expect(oauth.requestBody!.data).toContain('sa@example.iam.gserviceaccount.com');
    expect(sas.requestHeaders.find(([name]) => name === 'authorization')![1]).toContain(
      `sig=${REDACTED}&se=1700000000&skn=DefaultFullSharedAccessSignature`,
    );
    expect(sas.requestBody!.data).toContain('PRIVATE KEY-----[redacted]');
    expect(legacy.requestHeaders).toContainEqual(['authorization', `key=${REDACTED}`]);
    // The server still got the real thing.
    expect(server.seen[0]!.body.toString()).toContain(CLIENT_SECRET);
  });

  it('hands out secrets only from memory and only when asked', async () => {
    const exchange = recorded[0]!;
    expect(() => exchangeToCurl(exchange, { includeSecrets: true })).toThrow(/no longer in memory/);
    const raw = transport.rawRequest(exchange.id);
    expect(raw).toBeDefined();
    const withSecrets = exchangeToCurl(exchange, { includeSecrets: true, raw: raw! });
    expect(withSecrets).toContain(SIGNATURE);
    expect(withSecrets).toContain(CLIENT_SECRET);
    expect(exchangeToCurl(exchange, { raw: raw! })).not.toContain(SIGNATURE);
  });

  it('redacts PEM keys cut off without an END line and opaque bearer tokens', () => {
    const found: string[] = [];
    const cut = redactText(`prefix -----BEGIN RSA PRIVATE KEY-----\nMIIEsecretmaterial`, 'body', found);
    expect(cut).not.toContain('MIIEsecretmaterial');
    expect(found).toEqual(['body rsa private key']);
    const headers = redactHeaders([['Authorization', 'Bearer opaque-token-123']], 'request', found);
    expect(headers).toEqual([['Authorization', `Bearer ${REDACTED}`]]);
    expect(redactText('{"aps":{"alert":"hello"}}', 'body', found)).toBe('{"aps":{"alert":"hello"}}');
  });
});
