import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calls } from '../../../shared/contract';
import { CONTRACT_MAX_JSON_CHARS } from '../../../shared/contract/live-activity';
import {
  BULK_DEVICE_IDS_MAX,
  FRAME_LIMIT_BYTES,
  INLINE_TARGETS_MAX,
  TARGET_MAX_CHARS,
  UPLOAD_CHUNK_CHARS,
  fileTooLargeMessage,
} from '../../../shared/transfer-limits';

/** The browser-mode frame a call becomes, in bytes. */
const frameBytes = (method: string, input: unknown) =>
  Buffer.byteLength(JSON.stringify({ id: 1_000_000, method, input }));

const request = { provider: 'apns', credential: 'c', environment: 'local', target: '', options: {}, payload: '{}' };

describe('the contract keeps every large input inside one browser-mode frame', () => {
  it('an upload chunk of the worst characters for JSON (control characters, six bytes each) fits', () => {
    const text = '\u001f'.repeat(UPLOAD_CHUNK_CHARS);
    expect(calls['uploads.append'].input.safeParse({ uploadId: 'u', index: 0, text }).success).toBe(true);
    expect(frameBytes('uploads.append', { uploadId: 'u', index: 0, text })).toBeLessThan(FRAME_LIMIT_BYTES);
  });

  it('inline devices.import text is one chunk at most; more must be an upload', () => {
    const parse = (text: string) => calls['devices.import'].input.safeParse({ format: 'csv', text }).success;
    expect(parse('x'.repeat(UPLOAD_CHUNK_CHARS))).toBe(true);
    // Today's 17 MB file was accepted by the contract and killed the server's socket.
    expect(parse('x'.repeat(17 * 1024 * 1024))).toBe(false);
    expect(calls['devices.import'].input.safeParse({ format: 'csv', uploadId: 'abc' }).success).toBe(true);
  });

  it('the most inline targets, each of the longest three-byte characters, fit', () => {
    const targets = Array.from({ length: INLINE_TARGETS_MAX }, () => '€'.repeat(TARGET_MAX_CHARS));
    expect(calls['bulk.start'].input.safeParse({ request, targets }).success).toBe(true);
    expect(frameBytes('bulk.start', { request, targets })).toBeLessThan(FRAME_LIMIT_BYTES);
    const more = [...targets, 'one more'];
    expect(calls['bulk.start'].input.safeParse({ request, targets: more }).success).toBe(false);
  });

  it('the most device ids (UUIDs, as devices are saved) fit', () => {
    const deviceIds = Array.from({ length: BULK_DEVICE_IDS_MAX }, () => randomUUID());
    expect(calls['bulk.start'].input.safeParse({ request, deviceIds }).success).toBe(true);
    expect(frameBytes('bulk.start', { request, deviceIds })).toBeLessThan(FRAME_LIMIT_BYTES);
  });

  it('the largest Live Activity contract (JSON of three-byte characters) fits, and one over it is refused', () => {
    // 880 properties of about 1,120 characters each: just under CONTRACT_MAX_JSON_CHARS as JSON.
    const properties = Object.fromEntries(
      Array.from({ length: 880 }, (_, i) => [`k${i}`, { type: 'string' as const, description: '€'.repeat(1_080) }]),
    );
    const contract = {
      attributesType: 'A',
      dateEncoding: 'deferredToDate',
      contentState: { properties },
      attributes: {},
    };
    expect(JSON.stringify(contract).length).toBeLessThan(CONTRACT_MAX_JSON_CHARS);
    expect(calls['liveActivity.contracts.save'].input.safeParse(contract).success).toBe(true);
    expect(frameBytes('liveActivity.contracts.save', contract)).toBeLessThan(FRAME_LIMIT_BYTES);
    const more = { ...contract, attributes: { properties } };
    expect(calls['liveActivity.contracts.save'].input.safeParse(more).success).toBe(false);
  });

  it('says how large a refused file is and what the limit is, in MB', () => {
    expect(fileTooLargeMessage(100 * 1024 * 1024)).toBe('This file is 100 MB; the import limit is 64 MB.');
    expect(fileTooLargeMessage(65.4 * 1024 * 1024, 'targets file')).toBe(
      'This file is 65 MB; the targets file limit is 64 MB.',
    );
  });
});
