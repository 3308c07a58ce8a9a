import https from 'node:https';
import { randomUUID } from 'node:crypto';
import http2, { type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import type { ApnsCertificateSecret } from '../../main/core/credentials/apns-p12';
import type { ApnsTokenSecret } from '../../main/core/credentials/apns-p8';
import type { LocalEnvironment } from '../../main/core/local/local-env';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  reason: string | undefined;
}

/**
 * A bare node:http2 client for the APNs emulator tests, able to send what a real client would not
 * (duplicate headers, GET, DER signatures). One session per instance, like a provider connection.
 */
export class RawApnsClient {
  readonly session: ClientHttp2Session;

  constructor(baseUrl: string, ca: string, identity?: { cert: string; key: string }) {
    this.session = http2.connect(baseUrl, { ca, ...(identity ?? {}) });
    this.session.on('error', () => {});
  }

  push(
    token: string,
    headers: Record<string, string | string[]>,
    body: string | Buffer = '{"aps":{"alert":"hi"}}',
    method = 'POST',
    path = `/3/device/${token}`,
  ): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const stream = this.session.request({ ':method': method, ':path': path, ...headers });
      let responseHeaders: IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      stream.on('response', (h) => (responseHeaders = h));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let reason: string | undefined;
        try {
          reason = (JSON.parse(text) as { reason?: string }).reason;
        } catch {
          reason = undefined;
        }
        resolve({ status: Number(responseHeaders[':status']), headers: responseHeaders, body: text, reason });
      });
      stream.on('error', reject);
      // Node ends GET and DELETE streams with their headers.
      if (method === 'GET' || method === 'DELETE') stream.end();
      else stream.end(body);
    });
  }

  close(): void {
    this.session.close();
  }
}

export function tokenCredential(
  key: { keyId: string; teamId: string; keyPem: string },
  id = `cred-${randomUUID()}`,
): ResolvedCredential {
  const secret: ApnsTokenSecret = { kind: 'apns-token', keyPem: key.keyPem, keyId: key.keyId, teamId: key.teamId };
  return {
    meta: {
      id,
      kind: 'apns-token',
      label: 'Test key',
      createdAt: new Date().toISOString(),
      metadata: { keyId: key.keyId, teamId: key.teamId },
      warnings: [],
    },
    secret,
  };
}

export function certificateCredential(
  cert: { certPem: string; keyPem: string; bundleId: string; topics: string[]; environment: string },
  id = `cred-${randomUUID()}`,
): ResolvedCredential {
  const secret: ApnsCertificateSecret = { kind: 'apns-certificate', certPem: cert.certPem, keyPem: cert.keyPem };
  return {
    meta: {
      id,
      kind: 'apns-certificate',
      label: 'Test certificate',
      createdAt: new Date().toISOString(),
      metadata: { bundleId: cert.bundleId, topics: cert.topics, environment: cert.environment },
      warnings: [],
    },
    secret,
  };
}

export function apnsLocalEnv(baseUrl: string, ca: string): LocalEnvironment {
  return { pid: process.pid, startedAt: new Date().toISOString(), ca, apns: baseUrl, admin: {} };
}

/** One call to an emulator's admin API over HTTP/1.1 (node:https), as `adminCall` and curl reach it. */
export function adminJson(
  adminUrl: string,
  ca: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const r = https.request(
      `${adminUrl}${path}`,
      { method, ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString() || 'null') }),
        );
      },
    );
    r.on('error', reject);
    r.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
