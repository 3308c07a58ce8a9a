import { randomUUID } from 'node:crypto';
import http2 from 'node:http2';
import https from 'node:https';
import type { Header } from '../../shared/domain/exchange';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import type { FcmServiceAccountSecret } from '../../main/core/credentials/fcm-service-account';
import type { LocalEnvironment } from '../../main/core/local/local-env';
import { TransportError } from '../../main/core/transport/errors';
import type { Transport, TransportRequest, TransportResponse } from '../../main/core/transport/types';

/**
 * A plain node:https / node:http2 client behind the Transport interface, so the FCM client can
 * be exercised against the emulator over real TLS while the app's transport (issue 3) is being
 * written. It records every request it made for assertions.
 */
export class LoopbackTransport implements Transport {
  readonly requests: Array<TransportRequest & { status: number | null; httpVersion: '1.1' | '2' }> = [];

  async request(request: TransportRequest): Promise<TransportResponse> {
    const started = performance.now();
    const exchangeId = randomUUID();
    const headers = Array.isArray(request.headers) ? request.headers : Object.entries(request.headers ?? {});
    const ca = request.tls?.ca;
    try {
      const answer = request.http2
        ? await this.#h2(request, headers as Header[], ca)
        : await this.#h1(request, headers as Header[], ca);
      this.requests.push({ ...request, status: answer.status, httpVersion: answer.httpVersion });
      return { ...answer, exchange: null, exchangeId, durationMs: performance.now() - started };
    } catch (error) {
      this.requests.push({ ...request, status: null, httpVersion: request.http2 ? '2' : '1.1' });
      const code = (error as NodeJS.ErrnoException).code ?? '';
      throw new TransportError({
        code: /RST_STREAM|STREAM/.test(code) ? 'STREAM_RESET' : code === 'ECONNRESET' ? 'CONNECTION_RESET' : 'NETWORK',
        message: `No answer from ${new URL(request.url).host}: ${(error as Error).message}`,
        exchange: null,
        exchangeId,
        retryable: false,
      });
    }
  }

  #h1(request: TransportRequest, headers: Header[], ca: string | string[] | undefined) {
    return new Promise<Omit<TransportResponse, 'exchange' | 'exchangeId' | 'durationMs'>>((resolve, reject) => {
      const req = https.request(
        request.url,
        { method: request.method, headers: Object.fromEntries(headers), ca, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const out: Header[] = [];
            for (let i = 0; i < res.rawHeaders.length; i += 2)
              out.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
            resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks), httpVersion: '1.1' });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(request.body);
    });
  }

  #h2(request: TransportRequest, headers: Header[], ca: string | string[] | undefined) {
    return new Promise<Omit<TransportResponse, 'exchange' | 'exchangeId' | 'durationMs'>>((resolve, reject) => {
      const url = new URL(request.url);
      const session = http2.connect(url.origin, { ca });
      session.on('error', reject);
      const stream = session.request({
        ':method': request.method,
        ':path': url.pathname + url.search,
        ...Object.fromEntries(headers),
      });
      const chunks: Buffer[] = [];
      let status = 0;
      const out: Header[] = [];
      stream.on('response', (h) => {
        status = Number(h[':status']);
        for (const [key, value] of Object.entries(h)) out.push([key, String(value)]);
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        session.close();
        resolve({ status, headers: out, body: Buffer.concat(chunks), httpVersion: '2' });
      });
      stream.on('error', (error) => {
        session.destroy();
        reject(error);
      });
      stream.end(request.body);
    });
  }

  async close(): Promise<void> {}
}

/** A ResolvedCredential for a service account JSON as the emulator (or Firebase) hands it out. */
export function serviceAccountSecret(json: Record<string, string>): FcmServiceAccountSecret {
  return {
    kind: 'fcm-service-account',
    projectId: json['project_id']!,
    clientEmail: json['client_email']!,
    privateKeyPem: json['private_key']!,
    privateKeyId: json['private_key_id']!,
    tokenUri: json['token_uri']!,
  };
}

export function serviceAccountCredential(json: Record<string, string>, id: string = randomUUID()): ResolvedCredential {
  const secret = serviceAccountSecret(json);
  const credential: ResolvedCredential<'fcm-service-account'> = {
    meta: {
      id,
      kind: 'fcm-service-account',
      label: `FCM ${json['project_id']}`,
      createdAt: new Date().toISOString(),
      metadata: { projectId: json['project_id'], clientEmail: json['client_email'] },
      warnings: [],
    },
    secret,
  };
  return credential as unknown as ResolvedCredential;
}

export function localEnvFor(fcm: { baseUrl: string; tokenUri: string }, ca: string): LocalEnvironment {
  return { pid: process.pid, startedAt: new Date().toISOString(), ca, fcm, admin: {} };
}
