import type { Exchange, Header, RecordedBody, Timings } from '../../../shared/domain/exchange';
import { exchangeSchema } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';

interface HarHeader {
  name: string;
  value: string;
}

interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string; _encoding?: 'base64'; _truncated?: boolean; _size?: number };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text?: string; encoding?: 'base64'; _truncated?: boolean };
    redirectURL: string;
    headersSize: -1;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; connect: number; ssl: number; send: number; wait: number; receive: number };
  serverIPAddress?: string;
  connection?: string;
  /** Custom fields (HAR allows any starting with `_`): everything needed to load the exchange back. */
  _pushConsole: Omit<
    Exchange,
    'method' | 'url' | 'httpVersion' | 'requestHeaders' | 'responseHeaders' | 'status' | 'requestBody' | 'responseBody'
  > & { bodies: { request: BodyMeta | null; response: BodyMeta | null } };
}

/** Body details HAR has no field for; the data itself stays in postData.text / content.text. */
type BodyMeta = Omit<RecordedBody, 'data'>;
const bodyMeta = (body: RecordedBody | null): BodyMeta | null =>
  body ? { encoding: body.encoding, size: body.size, truncated: body.truncated } : null;

/** HAR 1.2 document. */
export type HarDocument = {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
};

const harHeaders = (headers: Header[]): HarHeader[] => headers.map(([name, value]) => ({ name, value }));
const contentType = (headers: Header[]): string =>
  headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'application/octet-stream';
// HAR has no -1 for send/wait/receive in practice (viewers sum them), so unknown phases count as 0 there.
const phase = (value: number): number => (value < 0 ? -1 : value);
const nonNegative = (value: number): number => (value < 0 ? 0 : value);

function queryString(url: string): HarHeader[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** HAR's `connect` includes `ssl`; ours keeps them apart. */
function harTimings(timings: Timings): HarEntry['timings'] {
  const connect = timings.connect < 0 ? -1 : timings.connect + Math.max(0, timings.tls);
  return {
    blocked: phase(timings.blocked ?? -1),
    dns: phase(timings.dns),
    connect,
    ssl: phase(timings.tls),
    send: nonNegative(timings.send),
    wait: nonNegative(timings.ttfb),
    receive: nonNegative(timings.download),
  };
}

function entryOf(exchange: Exchange): HarEntry {
  const httpVersion = exchange.httpVersion === '2' ? 'HTTP/2' : 'HTTP/1.1';
  const { method, url, requestHeaders, responseHeaders, status, requestBody, responseBody, ...rest } = exchange;
  delete (rest as Partial<Exchange>).httpVersion;
  const entry: HarEntry = {
    startedDateTime: exchange.startedAt,
    time: Math.max(0, exchange.timings.total),
    request: {
      method,
      url,
      httpVersion,
      cookies: [],
      headers: harHeaders(requestHeaders),
      queryString: queryString(url),
      headersSize: -1,
      bodySize: exchange.requestBody?.size ?? 0,
    },
    response: {
      status: status ?? 0,
      statusText: '',
      httpVersion,
      cookies: [],
      headers: harHeaders(responseHeaders),
      content: { size: exchange.responseBody?.size ?? 0, mimeType: contentType(responseHeaders) },
      redirectURL: '',
      headersSize: -1,
      bodySize: status === null ? -1 : (exchange.responseBody?.size ?? 0),
    },
    cache: {},
    timings: harTimings(exchange.timings),
    _pushConsole: { ...rest, bodies: { request: bodyMeta(requestBody), response: bodyMeta(responseBody) } },
  };
  if (requestBody) {
    entry.request.postData = { mimeType: contentType(requestHeaders), text: requestBody.data };
    if (requestBody.encoding === 'base64') entry.request.postData._encoding = 'base64';
  }
  if (responseBody) {
    entry.response.content.text = responseBody.data;
    if (responseBody.encoding === 'base64') entry.response.content.encoding = 'base64';
    if (responseBody.truncated) entry.response.content._truncated = true;
  }
  if (exchange.error) entry.response._error = `${exchange.error.code}: ${exchange.error.message}`;
  if (exchange.remoteAddress) entry.serverIPAddress = exchange.remoteAddress.replace(/:\d+$/, '');
  if (exchange.connectionId > 0) entry.connection = String(exchange.connectionId);
  return entry;
}

/**
 * HAR 1.2 of recorded exchanges. Exchanges are redacted when recorded, so the export is too; there
 * is deliberately no way to put secrets into a HAR file.
 */
export function exchangesToHar(exchanges: readonly Exchange[], creatorVersion: string): HarDocument {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Push Console', version: creatorVersion },
      entries: exchanges.map(entryOf),
    },
  };
}

function bodyFrom(
  text: string | undefined,
  meta: BodyMeta | null | undefined,
  base64: boolean,
  size: number,
): RecordedBody | null {
  if (text === undefined || meta === null) return null;
  if (meta) return { encoding: meta.encoding, data: text, size: meta.size, truncated: meta.truncated };
  return { encoding: base64 ? 'base64' : 'text', data: text, size, truncated: false };
}

/**
 * Loads exchanges back from a HAR: ours round-trip exactly (through `_pushConsole`); HAR files
 * from browsers or other tools become exchanges with what HAR carries.
 */
export function harToExchanges(document: unknown): Exchange[] {
  const entries = (document as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) throw new AppError('INVALID_INPUT', 'This file is not a HAR document (no log.entries)');
  return entries.map((value, index) => {
    const entry = value as HarEntry;
    const custom = (entry._pushConsole ?? {}) as Partial<HarEntry['_pushConsole']>;
    const request = entry.request;
    const response = entry.response;
    // Browsers write `h2` or `HTTP/2.0`, we write `HTTP/2`.
    const httpVersion = /^(HTTP\/)?2|^h2/i.test(request?.httpVersion ?? '') ? '2' : '1.1';
    const postData = request?.postData;
    const content = response?.content;
    const t = entry.timings ?? { send: 0, wait: 0, receive: 0 };
    const candidate = {
      id: custom.id ?? `har-${index + 1}`,
      startedAt: custom.startedAt ?? entry.startedDateTime,
      purpose: custom.purpose ?? 'other',
      ...(custom.provider === undefined ? {} : { provider: custom.provider }),
      ...(custom.target === undefined ? {} : { target: custom.target }),
      method: request?.method,
      url: request?.url,
      httpVersion,
      requestHeaders: (request?.headers ?? []).map((h) => [h.name, h.value]),
      requestBody: bodyFrom(
        postData?.text,
        custom.bodies?.request,
        postData?._encoding === 'base64',
        request?.bodySize ?? 0,
      ),
      status: response && response.status > 0 ? response.status : null,
      responseHeaders: (response?.headers ?? []).map((h) => [h.name, h.value]),
      responseBody: bodyFrom(
        content?.text,
        custom.bodies?.response,
        content?.encoding === 'base64',
        content?.size ?? 0,
      ),
      timings: custom.timings ?? {
        blocked: t.blocked ?? -1,
        dns: t.dns ?? -1,
        connect: t.connect !== undefined && t.connect >= 0 ? t.connect - Math.max(0, t.ssl ?? 0) : -1,
        tls: t.ssl ?? -1,
        send: t.send,
        ttfb: t.wait,
        download: t.receive,
        total: entry.time,
      },
      tls: custom.tls ?? null,
      connectionId: custom.connectionId ?? Number(entry.connection ?? 0),
      connectionReused: custom.connectionReused ?? false,
      remoteAddress: custom.remoteAddress ?? entry.serverIPAddress ?? null,
      error: custom.error ?? null,
      redactions: custom.redactions ?? [],
      ...(custom.notes === undefined ? {} : { notes: custom.notes }),
      ...(custom.requestPlaintext === undefined ? {} : { requestPlaintext: custom.requestPlaintext }),
    };
    const parsed = exchangeSchema.safeParse(candidate);
    if (!parsed.success)
      throw new AppError(
        'INVALID_INPUT',
        `HAR entry ${index + 1} cannot be read: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    return parsed.data;
  });
}
