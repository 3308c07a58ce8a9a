import { open, readFile } from 'node:fs/promises';
import { decodeRecord, type HistoryRecord, type RecordLocation } from './records';

export interface ScannedFile {
  records: Array<{ record: HistoryRecord; location: RecordLocation }>;
  /** Lines that did not parse: a torn last write after a crash, or damage. */
  skipped: number;
  /** The file does not end with a newline, so the next append must start a fresh line. */
  torn: boolean;
}

const NEWLINE = 0x0a;

/** Reads one history file whole (files rotate at ~20 MB) and keeps each record's byte location. */
export async function scanFile(path: string, seq: number): Promise<ScannedFile> {
  return scanBuffer(await readFile(path), seq, 0);
}

/** Splits bytes into records; `base` is where `data` starts in the file, for the locations. */
export function scanBuffer(data: Buffer, seq: number, base: number): ScannedFile {
  const records: ScannedFile['records'] = [];
  let skipped = 0;
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(NEWLINE, start);
    const complete = end >= 0;
    if (!complete) end = data.length;
    if (end > start) {
      const record = complete ? decodeRecord(data.toString('utf8', start, end)) : null;
      if (record) records.push({ record, location: { file: seq, offset: base + start, length: end - start } });
      else skipped++;
    }
    start = end + 1;
  }
  return { records, skipped, torn: data.length > 0 && data[data.length - 1] !== NEWLINE };
}

/** The bytes of a file from `from` to its end (what another process appended since). */
export async function readTail(path: string, from: number): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size <= from) return null;
    const buffer = Buffer.alloc(size - from);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Records read back by location, in the order given (the list keeps only summaries in memory). */
export async function readRecordsAt(
  path: string,
  locations: readonly RecordLocation[],
): Promise<Array<HistoryRecord | null>> {
  const handle = await open(path, 'r');
  try {
    const out: Array<HistoryRecord | null> = [];
    for (const location of locations) {
      const buffer = Buffer.alloc(location.length);
      const { bytesRead } = await handle.read(buffer, 0, location.length, location.offset);
      out.push(decodeRecord(buffer.toString('utf8', 0, bytesRead)));
    }
    return out;
  } finally {
    await handle.close();
  }
}
