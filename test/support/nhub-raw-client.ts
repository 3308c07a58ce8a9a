import { createHmac } from 'node:crypto';
import { request } from 'node:https';

/**
 * A Notification Hubs client written apart from ours, the way third-party backends talk to the
 * service: node:crypto signs the SAS, node:https sends HTTP/1.1 over TLS trusting only the given CA.
 * Tests use it so the emulator is checked against the protocol, not against our own client.
 */
export function sasToken(input: { sr: string; keyName: string; key: string; ttlSeconds?: number }): string {
  const se = Math.floor(Date.now() / 1000) + (input.ttlSeconds ?? 600);
  const sig = createHmac('sha256', Buffer.from(input.key, 'utf8'))
    .update(`${input.sr}\n${se}`, 'utf8')
    .digest('base64');
  return `SharedAccessSignature sr=${input.sr}&sig=${encodeURIComponent(sig)}&se=${se}&skn=${input.keyName}`;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function rawRequest(input: {
  url: string;
  ca: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<RawResponse> {
  const body = input.body === undefined ? undefined : Buffer.from(input.body);
  return new Promise((resolve, reject) => {
    const req = request(
      input.url,
      {
        method: input.method ?? 'POST',
        ca: input.ca,
        agent: false,
        timeout: 10_000,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...input.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Admin calls (`/__admin/…`) with a JSON body; answers parsed as JSON. */
export async function adminJson(
  baseUrl: string,
  ca: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await rawRequest({
    url: `${baseUrl}${path}`,
    ca,
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: response.body ? (JSON.parse(response.body) as unknown) : null };
}

/** `POST {base}/{hub}/messages/?api-version=2020-06[&test]` with a SAS and a format, as the REST docs show. */
export function hubSend(input: {
  baseUrl: string;
  ca: string;
  hub: string;
  authorization: string;
  format: string;
  body: string | Buffer;
  tags?: string;
  test?: boolean;
  headers?: Record<string, string>;
}): Promise<RawResponse> {
  const query = `api-version=2020-06${input.test ? '&test' : ''}`;
  return rawRequest({
    url: `${input.baseUrl}/${input.hub}/messages/?${query}`,
    ca: input.ca,
    headers: {
      authorization: input.authorization,
      'content-type': input.format === 'windows' ? 'application/xml' : 'application/json;charset=utf-8',
      'servicebusnotification-format': input.format,
      ...(input.tags ? { 'servicebusnotification-tags': input.tags } : {}),
      ...input.headers,
    },
    body: input.body,
  });
}
