import { z } from 'zod';
import { exchangeSchema } from '../../../../shared/domain/exchange';
import { sendRequestSchema } from '../../../../shared/domain/send-request';
import { sendResultSchema } from '../../../../shared/domain/send-result';

/**
 * One NDJSON line each. The send's request is kept with its result (it names a credential id,
 * never secret material) so a past send can be sent again or opened in the composer.
 */
export const historyRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exchange'), exchange: exchangeSchema }),
  z.object({ type: z.literal('send'), result: sendResultSchema, request: sendRequestSchema.nullable() }),
]);
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

/** Where a record's line sits on disk, so full records are read back only when asked for. */
export interface RecordLocation {
  file: number;
  offset: number;
  length: number;
}

export function encodeRecord(record: HistoryRecord): Buffer {
  // Written straight into one buffer: `${json}\n` would copy the whole (often two-byte) JSON string
  // once more per record, and this runs for every exchange and result of a bulk send.
  const json = JSON.stringify(record);
  const size = Buffer.byteLength(json, 'utf8');
  const line = Buffer.allocUnsafe(size + 1);
  line.write(json, 0, size, 'utf8');
  line[size] = 0x0a;
  return line;
}

/** A line that does not parse or validate is skipped (a torn write, or a newer format). */
export function decodeRecord(line: string): HistoryRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = historyRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
