import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { AnyResponse } from '../common/admin';

/**
 * Errors in Mozilla autopush's shape: `{"code","errno","error","message"}` (protocols.md §5.5).
 * Fault rules whose reason is not a number are answered the way Apple does, `{"reason": …}`, so
 * clients can be tested against both decoders.
 */
export function sendPushError(
  res: AnyResponse,
  status: number,
  errno: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ code: status, errno, error: STATUS_CODES[status] ?? 'Error', message });
  write(res, status, body, headers);
}

export function sendFaultStatus(
  res: AnyResponse,
  status: number,
  reason: string | undefined,
  retryAfter?: number,
): void {
  const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
  if (reason !== undefined && !/^\d+$/.test(reason)) {
    write(res, status, JSON.stringify({ reason }), headers);
    return;
  }
  const errno = reason !== undefined ? Number(reason) : defaultErrno(status);
  sendPushError(res, status, errno, `Injected fault: ${STATUS_CODES[status] ?? status}.`, headers);
}

function defaultErrno(status: number): number {
  if (status === 429) return 201;
  if (status === 404) return 102;
  if (status === 410) return 103;
  if (status === 413) return 104;
  if (status === 401 || status === 403) return 109;
  if (status === 503) return 202;
  return 999;
}

function write(res: AnyResponse, status: number, body: string, headers: Record<string, string>): void {
  (res as ServerResponse).writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}
