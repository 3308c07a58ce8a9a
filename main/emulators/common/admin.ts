import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { z } from 'zod';
import { faultRuleSchema } from '../../../shared/domain/fault-rule';
import type { FaultInjector } from './faults';
import type { Inbox } from './inbox';

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;

const MAX_ADMIN_BODY = 4 * 1024 * 1024;

export async function readBody(req: AnyRequest, limit = MAX_ADMIN_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error(`body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: AnyRequest): Promise<unknown> {
  const body = await readBody(req);
  return body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
}

export function sendJson(res: AnyResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  (res as ServerResponse).writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/**
 * The admin routes every emulator shares: its inbox and its fault rules. Provider-specific
 * routes (registering keys, creating devices) are handled by each emulator before this.
 * Returns false when the path is not one of these. `json` gives the request body where the
 * emulator has already read it (a body can be read only once).
 */
export async function handleCommonAdmin(
  req: AnyRequest,
  res: AnyResponse,
  url: URL,
  parts: { inbox: Inbox; faults: FaultInjector },
  json: () => Promise<unknown> = () => readJson(req),
): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/__admin/inbox' && method === 'GET') {
    sendJson(res, 200, parts.inbox.list(url.searchParams.get('device') ?? undefined));
    return true;
  }
  if (path === '/__admin/inbox' && method === 'DELETE') {
    parts.inbox.clear();
    sendJson(res, 200, { cleared: true });
    return true;
  }
  if (path === '/__admin/faults' && method === 'GET') {
    sendJson(res, 200, parts.faults.list());
    return true;
  }
  if (path === '/__admin/faults' && method === 'POST') {
    const parsed = faultRuleSchema.safeParse(await json());
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid fault rule', issues: parsed.error.issues });
      return true;
    }
    sendJson(res, 201, parts.faults.add(parsed.data));
    return true;
  }
  if (path === '/__admin/faults' && method === 'DELETE') {
    parts.faults.clear();
    sendJson(res, 200, { cleared: true });
    return true;
  }
  if (path.startsWith('/__admin/faults/') && method === 'DELETE') {
    const removed = parts.faults.remove(decodeURIComponent(path.slice('/__admin/faults/'.length)));
    sendJson(res, removed ? 200 : 404, { removed });
    return true;
  }
  return false;
}

/**
 * `GET /__admin/checks` lists an emulator's switchable strictness checks; `PUT` with
 * `{ "<check>": bool }` switches some, refusing unknown names so a typo never leaves a check
 * silently as it was. `json` gives the request body where the emulator has already read it.
 * Returns false when the route is not one of these.
 */
export async function handleChecksAdmin<C extends object>(
  req: AnyRequest,
  res: AnyResponse,
  url: URL,
  checks: C,
  json: () => Promise<unknown> = () => readJson(req),
): Promise<boolean> {
  if (url.pathname !== '/__admin/checks') return false;
  const method = req.method ?? 'GET';
  if (method === 'PUT') {
    const parsed = z.record(z.string(), z.boolean()).safeParse(await json());
    const unknown = parsed.success ? Object.keys(parsed.data).filter((name) => !(name in checks)) : [];
    if (!parsed.success || unknown.length) {
      sendJson(res, 400, { error: `unknown checks: ${unknown.join(', ')}`, known: Object.keys(checks) });
      return true;
    }
    Object.assign(checks, parsed.data);
    sendJson(res, 200, checks);
    return true;
  }
  if (method === 'GET') {
    sendJson(res, 200, checks);
    return true;
  }
  return false;
}

/**
 * An emulator's checks at start: its defaults, with the ones `options.checks` names switched.
 * Names the emulator does not know are ignored (a start option, unlike `PUT /__admin/checks`,
 * may be shared by several emulators). `set` is the emulator's `setCheck`.
 */
export function startingChecks<C extends { [K in keyof C]: boolean }>(
  defaults: C,
  overrides: Record<string, boolean> | undefined,
): { checks: C; set: (name: keyof C, enabled: boolean) => void } {
  const checks = { ...defaults };
  for (const [name, enabled] of Object.entries(overrides ?? {})) {
    if (name in checks) checks[name as keyof C] = enabled as C[keyof C];
  }
  return {
    checks,
    set(name, enabled) {
      checks[name] = enabled as C[keyof C];
    },
  };
}
