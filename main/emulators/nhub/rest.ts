import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySas } from './auth';
import { namespaceHost, type NHUB_RIGHTS, type NhubStore } from './store';

/** What every REST route of the hub needs from the server that owns it. */
export interface RestContext {
  store: NhubStore;
  now: () => number;
}

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The service's error shape: `<Error><Code>…</Code><Detail>{Reason}: … TrackingId:…,TimeStamp:…</Detail></Error>`. */
export function sendError(
  res: ServerResponse,
  status: number,
  reason: string,
  detail: string,
  extra: Record<string, string> = {},
): void {
  const trackingId = randomUUID();
  const body = `<Error><Code>${status}</Code><Detail>${xmlEscape(`${reason}: ${detail}`)} TrackingId:${trackingId},TimeStamp:${new Date().toISOString()}</Detail></Error>`;
  res.writeHead(status, {
    'content-type': 'application/xml; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    trackingid: trackingId,
    ...extra,
  });
  res.end(body);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The body when it is at most `limit` bytes; past that, the rest is read and dropped so the
 * client, still writing, gets the 413 instead of a reset connection.
 */
export async function readBounded(
  req: IncomingMessage,
  limit: number,
): Promise<{ body: Buffer | null; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= limit) chunks.push(chunk);
  }
  return { body: bytes <= limit ? Buffer.concat(chunks) : null, bytes };
}

/** Verifies the SAS token for one operation; answers the failure itself and returns null. */
export function authorize(
  req: IncomingMessage,
  res: ServerResponse,
  hub: string,
  ctx: RestContext,
  resource: string,
  rights: ReadonlyArray<(typeof NHUB_RIGHTS)[number]>,
): { namespace: string } | null {
  const auth = verifySas({
    authorization: header(req, 'authorization'),
    hub,
    store: ctx.store,
    nowSeconds: Math.floor(ctx.now() / 1000),
    resource,
    rights,
  });
  if (auth.ok) return { namespace: auth.namespace };
  sendError(res, auth.failure.status, auth.failure.reason, auth.failure.detail);
  return null;
}

/** A client pointed straight at the emulator (namespace = its own host) gets Locations it can follow. */
export function locationOrigin(req: IncomingMessage, namespace: string): string {
  const requestHost = header(req, 'host') ?? '';
  return `https://${namespaceHost(requestHost) === namespace ? requestHost : namespace}`;
}

export function sendJsonBody(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...extra,
  });
  res.end(body);
}

export function sendEmpty(res: ServerResponse, status: number, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': '0', trackingid: randomUUID(), ...extra });
  res.end();
}

/** Reads a JSON body of at most `limit` bytes; undefined when it is not JSON. */
export async function readJsonBody(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const { body } = await readBounded(req, limit);
  if (!body) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
