import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAssertion, FCM_SCOPE, tokenRequestBody } from '../../../../../../main/core/providers/fcm/jwt';
import { buildSendRequest, fcmEndpoints } from '../../../../../../main/core/providers/fcm/request';
import { buildFcmMessage } from '../../../../../../shared/providers/fcm/build';
import { privateKey, secret } from '../../../../../support/fcm-service-account';

describe('FCM OAuth assertion', () => {
  it('is an RS256 JWT with the firebase.messaging scope, aud = token_uri and a one-hour life', () => {
    const { jwt, claims } = buildAssertion(secret, secret.tokenUri, 1_700_000_000);
    const [header, body, signature] = jwt.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: 'key-1',
    });
    expect(JSON.parse(Buffer.from(body!, 'base64url').toString())).toEqual(claims);
    expect(claims).toEqual({
      iss: secret.clientEmail,
      scope: FCM_SCOPE,
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${body}`),
      createPublicKey(privateKey),
      Buffer.from(signature!, 'base64url'),
    );
    expect(ok).toBe(true);
    expect(tokenRequestBody(jwt)).toBe(
      `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${jwt}`,
    );
  });
});

describe('FCM send request', () => {
  it('posts the message with its target to messages:send over HTTP/2, redacting the token', () => {
    const built = buildFcmMessage({
      target: '/topics/news',
      options: { targetKind: 'auto', validateOnly: true },
      payload: '{"notification":{"title":"Hi"}}',
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const request = buildSendRequest({
      endpoints: fcmEndpoints(secret, null),
      projectId: secret.projectId,
      accessToken: 'ya29.secret',
      message: built.message,
      validateOnly: built.validateOnly,
      target: 'topic: news',
    });
    expect(request.url).toBe('https://fcm.googleapis.com/v1/projects/demo-project/messages:send');
    expect(request.method).toBe('POST');
    expect(request.http2).toBe(true);
    expect(request.headers).toContainEqual(['authorization', 'Bearer ya29.secret']);
    expect(JSON.parse(String(request.body))).toEqual({
      validate_only: true,
      message: { topic: 'news', notification: { title: 'Hi' } },
    });
    expect(request.secrets).toEqual(['ya29.secret']);
    expect(request.meta).toMatchObject({ purpose: 'send', provider: 'fcm', target: 'topic: news' });
  });

  it('uses the emulator endpoints and CA in local, and says when the emulator is missing', () => {
    const local = {
      pid: 1,
      startedAt: '',
      ca: 'PEM',
      admin: {},
      fcm: { baseUrl: 'https://127.0.0.1:9/', tokenUri: 'https://127.0.0.1:9/token' },
    };
    expect(fcmEndpoints(secret, local)).toEqual({
      baseUrl: 'https://127.0.0.1:9',
      tokenUri: 'https://127.0.0.1:9/token',
      tls: { ca: 'PEM' },
    });
    expect(() => fcmEndpoints(secret, { ...local, fcm: undefined })).toThrow('The local FCM emulator is not running.');
  });

  it('omits validate_only when not a dry run and picks condition and token targets', () => {
    const condition = buildFcmMessage({
      target: "'a' in topics",
      options: { targetKind: 'auto', validateOnly: false },
      payload: '{}',
    });
    expect(condition.ok && condition.message).toEqual({ condition: "'a' in topics" });
    const token = buildFcmMessage({
      target: ' abc:def ',
      options: { targetKind: 'auto', validateOnly: false },
      payload: '',
    });
    expect(token.ok && token.message).toEqual({ token: 'abc:def' });
    expect(token.ok && token.validateOnly).toBe(false);
  });
});
