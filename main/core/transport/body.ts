import { isUtf8 } from 'node:buffer';
import type { RecordedBody } from '../../../shared/domain/exchange';
import { redactText } from './redact';

/** Recorded bodies are capped so one huge upload cannot swell the exchange list or history. */
export const BODY_CAP_BYTES = 256 * 1024;

function cutUtf8(text: string, size: number, cap: number): { data: string; truncated: boolean } {
  if (size <= cap) return { data: text, truncated: false };
  return { data: Buffer.from(text, 'utf8').subarray(0, cap).toString('utf8'), truncated: true };
}

/**
 * Text when the bytes are UTF-8 (redacted like any text), base64 otherwise. Redaction runs on the
 * whole text before the cap, so a key cut in half by the cap cannot leak its first half.
 */
export function recordBody(
  body: string | Uint8Array | undefined | null,
  where: string,
  found: string[],
  secrets: string[] | undefined,
  cap = BODY_CAP_BYTES,
): RecordedBody | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') {
    const size = Buffer.byteLength(body);
    if (size === 0) return null;
    const { data, truncated } = cutUtf8(redactText(body, where, found, secrets), size, cap);
    return { encoding: 'text', data, size, truncated };
  }
  const size = body.byteLength;
  if (size === 0) return null;
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (isUtf8(buffer) && !hasControlBytes(buffer)) {
    const { data, truncated } = cutUtf8(redactText(buffer.toString('utf8'), where, found, secrets), size, cap);
    return { encoding: 'text', data, size, truncated };
  }
  const truncated = size > cap;
  return {
    encoding: 'base64',
    data: (truncated ? buffer.subarray(0, cap) : buffer).toString('base64'),
    size,
    truncated,
  };
}

/** NUL and other control bytes mean binary even when the bytes happen to be valid UTF-8. */
function hasControlBytes(buffer: Buffer): boolean {
  for (let i = 0; i < buffer.length; i++) {
    const byte = buffer[i]!;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) return true;
  }
  return false;
}

/** The body bytes back from a recorded body (for curl and HAR re-import). */
export function bodyBytes(body: RecordedBody): Buffer {
  return body.encoding === 'base64' ? Buffer.from(body.data, 'base64') : Buffer.from(body.data, 'utf8');
}
