import { sign } from 'node:crypto';
import { buildAssertion } from '../../main/core/providers/fcm/jwt';
import { LoopbackTransport, serviceAccountSecret } from './fcm-harness';

export interface RawAnswer {
  status: number;
  headers: Array<[string, string]>;
  httpVersion: '1.1' | '2';
  // Test code reads arbitrary fields of the emulator's JSON answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export type ClaimOverrides = Partial<{ aud: string; iat: number; exp: number; scope: string; iss: string }>;

/**
 * Talks to a running FCM emulator with hand-made requests, for tests of the emulator's own
 * rules (the app's client is tested separately): raw calls, token exchanges with chosen claims,
 * and sends with any body.
 */
export class FcmEmulatorClient {
  readonly http = new LoopbackTransport();

  constructor(
    readonly emulator: { baseUrl: string; tokenUri: string },
    readonly caPem: string,
  ) {}

  async call(
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; http2?: boolean; method?: string } = {},
  ): Promise<RawAnswer> {
    const response = await this.http.request({
      url: `${this.emulator.baseUrl}${path}`,
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
      http2: init.http2 ?? false,
      tls: { ca: this.caPem },
    });
    const text = response.body.toString('utf8');
    return {
      status: response.status,
      headers: response.headers,
      httpVersion: response.httpVersion,
      json: text ? JSON.parse(text) : null,
    };
  }

  /** Trades an assertion for a token; `claims` overrides (re-signed with `key` or the account's key). */
  async token(sa: Record<string, string>, claims: ClaimOverrides = {}, key?: string): Promise<RawAnswer> {
    const secret = serviceAccountSecret(sa);
    const built = buildAssertion(
      { ...secret, ...(key ? { privateKeyPem: key } : {}) },
      this.emulator.tokenUri,
      Math.floor(Date.now() / 1000),
    );
    let jwt = built.jwt;
    if (Object.keys(claims).length) {
      const header = jwt.split('.')[0];
      const body = Buffer.from(JSON.stringify({ ...built.claims, ...claims })).toString('base64url');
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${body}`), key ?? sa['private_key']!);
      jwt = `${header}.${body}.${signature.toString('base64url')}`;
    }
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt });
    return this.call(new URL(this.emulator.tokenUri).pathname, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async bearer(sa: Record<string, string>): Promise<string> {
    const answer = await this.token(sa);
    return `Bearer ${String(answer.json['access_token'])}`;
  }

  async send(
    project: string,
    authorization: string,
    message: unknown,
    extra: Record<string, unknown> = {},
    http2 = true,
  ): Promise<RawAnswer> {
    return this.call(`/v1/projects/${project}/messages:send`, {
      body: { message, ...extra },
      headers: { authorization },
      http2,
    });
  }
}
