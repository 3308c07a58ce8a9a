import { createPublicKey } from 'node:crypto';
import http2, { type Http2ServerRequest } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { FaultAction } from '../../../shared/domain/fault-rule';
import {
  handleChecksAdmin,
  handleCommonAdmin,
  readBody,
  readJson,
  sendJson,
  type AnyRequest,
  type AnyResponse,
} from '../common/admin';
import { dropConnection } from '../common/drop';
import type { FaultInjector } from '../common/faults';
import type { Inbox } from '../common/inbox';
import type { FcmTokenIssuer } from './oauth';
import { faultAnswer, rpcError, type RpcAnswer } from './rpc';
import { handleSend, type SendDeps } from './send';
import {
  deviceRegistrationSchema,
  generateServiceAccount,
  serviceAccountRegistrationSchema,
  type FcmRegistry,
} from './state';

export interface FcmServerParts {
  registry: FcmRegistry;
  issuer: FcmTokenIssuer;
  inbox: Inbox;
  faults: FaultInjector;
  send: SendDeps;
  baseUrl: () => string;
}

const SEND_PATH = /^\/v1\/projects\/([^/]+)\/messages:send$/;
const MAX_SEND_BODY = 1024 * 1024;

/** HTTPS on loopback speaking HTTP/2 and HTTP/1.1, as fcm.googleapis.com does. */
export async function listen(parts: FcmServerParts, tls: { cert: string; key: string }, port = 0) {
  const server = http2.createSecureServer({ ...tls, allowHTTP1: true }, (req, res) => {
    route(parts, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 500, message: String(error), status: 'INTERNAL' } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

async function route(parts: FcmServerParts, req: AnyRequest, res: AnyResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const path = url.pathname;
  if (path.startsWith('/__admin/')) {
    if (await handleAdmin(parts, req, res, url)) return;
    if (await handleChecksAdmin(req, res, url, parts.send.checks)) return;
    if (await handleCommonAdmin(req, res, url, { inbox: parts.inbox, faults: parts.faults })) return;
    sendJson(res, 404, { error: `no admin route ${req.method} ${path}` });
    return;
  }
  if (path === '/token' && req.method === 'POST') {
    const body = (await readBody(req, 64 * 1024)).toString('utf8');
    if (await applyFault(parts, parts.faults.pick({ path }), req, res, 'oauth')) return;
    const answer = parts.issuer.exchange(new URLSearchParams(body));
    sendJson(res, answer.status, answer.body, { 'cache-control': 'no-store', date: serverDate(parts) });
    return;
  }
  const match = SEND_PATH.exec(path);
  if (!match || req.method !== 'POST') {
    answer(res, rpcError(404, `Method not found or wrong HTTP method: ${req.method} ${path}`), parts);
    return;
  }
  let bodyText: string;
  try {
    bodyText = (await readBody(req, MAX_SEND_BODY)).toString('utf8');
  } catch {
    answer(res, rpcError(413, 'Request payload size exceeds the limit.'), parts);
    return;
  }
  if (await applyFault(parts, parts.faults.pick({ path, device: deviceOf(bodyText) }), req, res, 'send')) return;
  if (refusedAfterGoaway(req)) return;
  markProcessed(req);
  answer(
    res,
    await handleSend(parts.send, decodeURIComponent(match[1]!), header(req, 'authorization'), bodyText),
    parts,
  );
}

function answer(res: AnyResponse, rpc: RpcAnswer, parts: FcmServerParts): void {
  sendJson(res, rpc.status, rpc.body, { date: serverDate(parts), ...(rpc.headers ?? {}) });
}

function serverDate(parts: FcmServerParts): string {
  return new Date(parts.issuer.nowSeconds() * 1000).toUTCString();
}

function header(req: AnyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The token or topic a send addresses, so fault rules can match one device. */
function deviceOf(bodyText: string): string | undefined {
  try {
    const message = (JSON.parse(bodyText) as { message?: Record<string, unknown> }).message ?? {};
    const value = message['token'] ?? message['fid'] ?? message['topic'] ?? message['condition'];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** True when the fault answered (or killed) the request; a delay lets it continue. */
/**
 * Per HTTP/2 session: the highest stream already processed, and once GOAWAY was sent, the last
 * stream id it promised to process. Streams are handled concurrently, so a later stream may have
 * been processed before an earlier one draws the GOAWAY fault; the promise must cover it.
 */
const sessions = new WeakMap<object, { processed: number; lastStreamId?: number }>();

function sessionState(session: object): { processed: number; lastStreamId?: number } {
  let state = sessions.get(session);
  if (!state) sessions.set(session, (state = { processed: 0 }));
  return state;
}

function goawayLastStreamId(session: object, streamId: number): number {
  const state = sessionState(session);
  state.lastStreamId = Math.max(0, streamId - 2, state.processed);
  return state.lastStreamId;
}

function markProcessed(req: AnyRequest): void {
  const stream = 'stream' in req ? (req as Http2ServerRequest).stream : undefined;
  if (!stream?.session) return;
  const state = sessionState(stream.session);
  state.processed = Math.max(state.processed, stream.id ?? 0);
}

function refusedAfterGoaway(req: AnyRequest): boolean {
  const stream = 'stream' in req ? (req as Http2ServerRequest).stream : undefined;
  // Closed under us (refused by the GOAWAY, reset, connection gone): nobody asked any more.
  if (stream?.destroyed) return true;
  const lastStreamId = stream?.session ? sessions.get(stream.session)?.lastStreamId : undefined;
  if (lastStreamId === undefined || (stream!.id ?? 0) <= lastStreamId) return false;
  if (!stream!.destroyed) stream!.close(http2.constants.NGHTTP2_REFUSED_STREAM);
  return true;
}

async function applyFault(
  parts: FcmServerParts,
  action: FaultAction | null,
  req: AnyRequest,
  res: AnyResponse,
  endpoint: 'oauth' | 'send',
): Promise<boolean> {
  if (!action) return false;
  switch (action.kind) {
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, action.ms));
      return false;
    case 'status': {
      // The token endpoint speaks RFC 6749 errors, not google.rpc.Status.
      if (endpoint === 'oauth') {
        sendJson(res, action.status, { error: action.reason ?? 'server_error', error_description: 'Injected fault' });
        return true;
      }
      answer(res, faultAnswer(action.status, action.reason, action.retryAfterSeconds), parts);
      return true;
    }
    case 'reset':
      if (action.scope === 'connection') dropConnection(req);
      else if ('stream' in req) (req as Http2ServerRequest).stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      else req.socket.destroy();
      return true;
    case 'goaway':
      if ('stream' in req) {
        const stream = (req as Http2ServerRequest).stream;
        const session = stream.session;
        // lastStreamId below this request unless a later stream was already processed: streams
        // above it are refused (a client may retry them safely); those at or below it finish.
        const lastStreamId = session ? goawayLastStreamId(session, stream.id ?? 1) : 0;
        session?.goaway(http2.constants.NGHTTP2_NO_ERROR, lastStreamId, Buffer.from(action.reason ?? ''));
        stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
        session?.close();
      } else req.socket.destroy();
      return true;
  }
}

/*
 * FCM-specific admin routes (JSON bodies):
 *   POST /__admin/credentials  Register a service account the token endpoint trusts:
 *        { clientEmail, projectId, publicKeyPem | privateKeyPem, projectNumber?, apnsConfigured?, webPushConfigured?, messagesPerMinute?, messagingApiEnabled?, keyDisabled? }
 *        or a service account JSON as downloaded ({ client_email, project_id, private_key, … }),
 *        or { generate: true, projectId } to mint a new one: answers the full service account JSON.
 *   GET  /__admin/credentials  Registered accounts (public keys only).
 *   POST /__admin/devices      Create or update an emulated app instance:
 *        { projectId, token?, platform?: android|ios|web, topics?: string[], state?: active|unregistered }
 *        Answers { token, projectId, platform, topics, state }: send to `token`.
 *   GET  /__admin/devices      Every emulated device.
 *   POST /__admin/settings     { tokenLifetimeSeconds?, clockSkewSeconds? } for expiry and skew tests.
 *   POST /__admin/tokens/revoke  Forget every issued access token (clients then get 401).
 */
async function handleAdmin(parts: FcmServerParts, req: AnyRequest, res: AnyResponse, url: URL): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/__admin/credentials' && method === 'GET') {
    sendJson(res, 200, [...parts.registry.accounts.values()]);
    return true;
  }
  if (path === '/__admin/credentials' && method === 'POST') {
    const body = (await readJson(req)) as Record<string, unknown>;
    if (body['generate'] === true) {
      const projectId = typeof body['projectId'] === 'string' ? body['projectId'] : 'local-project';
      const account = generateServiceAccount(projectId, `${parts.baseUrl()}/token`);
      await parts.registry.addAccount({
        clientEmail: account['client_email']!,
        projectId,
        publicKeyPem: account['public_key_pem']!,
      });
      const { public_key_pem: _public, ...json } = account;
      sendJson(res, 201, json);
      return true;
    }
    const parsed = serviceAccountRegistrationSchema.safeParse(normaliseAccount(body));
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid service account registration', issues: parsed.error.issues });
      return true;
    }
    sendJson(res, 201, await parts.registry.addAccount(parsed.data));
    return true;
  }
  if (path === '/__admin/devices' && method === 'GET') {
    sendJson(res, 200, [...parts.registry.devices.values()]);
    return true;
  }
  if (path === '/__admin/devices' && method === 'POST') {
    const parsed = deviceRegistrationSchema.safeParse(await readJson(req));
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid device', issues: parsed.error.issues });
      return true;
    }
    sendJson(res, 201, await parts.registry.upsertDevice(parsed.data));
    return true;
  }
  if (path === '/__admin/settings' && method === 'POST') {
    const body = (await readJson(req)) as Record<string, unknown>;
    if (typeof body['tokenLifetimeSeconds'] === 'number')
      parts.issuer.tokenLifetimeSeconds = body['tokenLifetimeSeconds'];
    if (typeof body['clockSkewSeconds'] === 'number') parts.issuer.clockSkewSeconds = body['clockSkewSeconds'];
    sendJson(res, 200, {
      tokenLifetimeSeconds: parts.issuer.tokenLifetimeSeconds,
      clockSkewSeconds: parts.issuer.clockSkewSeconds,
    });
    return true;
  }
  if (path === '/__admin/tokens/revoke' && method === 'POST') {
    sendJson(res, 200, { revoked: parts.issuer.revokeAll() });
    return true;
  }
  return false;
}

/** Accepts the downloaded JSON's snake_case names, and derives the public key from a private one. */
export function normaliseAccount(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (typeof body['client_email'] === 'string') out['clientEmail'] = body['client_email'];
  if (typeof body['project_id'] === 'string') out['projectId'] = body['project_id'];
  if (typeof body['private_key_id'] === 'string') out['privateKeyId'] = body['private_key_id'];
  const privateKey = body['privateKeyPem'] ?? body['private_key'];
  if (!out['publicKeyPem'] && typeof privateKey === 'string') {
    try {
      out['publicKeyPem'] = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    } catch {
      // Left without a public key: the schema says what is missing.
    }
  }
  for (const key of [
    'client_email',
    'project_id',
    'private_key_id',
    'private_key',
    'privateKeyPem',
    'type',
    'client_id',
    'auth_uri',
    'token_uri',
    'auth_provider_x509_cert_url',
    'client_x509_cert_url',
    'universe_domain',
  ]) {
    delete out[key];
  }
  return out;
}
