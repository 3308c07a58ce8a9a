import { open, readFile } from 'node:fs/promises';
import type { Exchange } from '../../../../shared/domain/exchange';
import { listHistoryFiles } from './rotation';
import { decodeLine, TEMPLATE_LINE, type FileTemplates, type HistoryRecord, type RecordLocation } from './records';

export interface ScannedFile {
  records: Array<{ record: HistoryRecord; location: RecordLocation }>;
  /** Lines that did not parse: a torn last write after a crash, or damage. */
  skipped: number;
  /** The file does not end with a newline, so the next append must start a fresh line. */
  torn: boolean;
}

const NEWLINE = 0x0a;

/**
 * Reads one history file whole (files rotate at ~20 MB) and keeps each record's byte location;
 * the file's templates are added to `templates`.
 */
export async function scanFile(path: string, seq: number, templates: FileTemplates): Promise<ScannedFile> {
  return scanBuffer(await readFile(path), seq, 0, templates);
}

/**
 * Splits bytes into records; `base` is where `data` starts in the file, for the locations, and
 * `templates` holds the file's templates from before it (and gains those in `data`).
 */
export function scanBuffer(data: Buffer, seq: number, base: number, templates: FileTemplates): ScannedFile {
  const records: ScannedFile['records'] = [];
  let skipped = 0;
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(NEWLINE, start);
    const complete = end >= 0;
    if (!complete) end = data.length;
    if (end > start) {
      const record = complete ? decodeLine(data.toString('utf8', start, end), templates) : null;
      if (record === null) skipped++;
      // A template is no record of its own: it only serves the patch lines after it.
      else if (record !== TEMPLATE_LINE)
        records.push({ record, location: { file: seq, offset: base + start, length: end - start } });
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

/**
 * Records read back by location, in the order given (the list keeps only summaries in memory);
 * `templates` are the file's, for its patch lines.
 */
export async function readRecordsAt(
  path: string,
  locations: readonly RecordLocation[],
  templates: FileTemplates,
): Promise<Array<HistoryRecord | null>> {
  const handle = await open(path, 'r');
  try {
    const out: Array<HistoryRecord | null> = [];
    for (const location of locations) {
      const buffer = Buffer.alloc(location.length);
      const { bytesRead } = await handle.read(buffer, 0, location.length, location.offset);
      const record = decodeLine(buffer.toString('utf8', 0, bytesRead), templates);
      out.push(record === TEMPLATE_LINE ? null : record);
    }
    return out;
  } finally {
    await handle.close();
  }
}

/** Every exchange in the history files under `dir`, oldest file first; a file rotated away meanwhile is skipped. */
export async function forEachStoredExchange(dir: string, visit: (exchange: Exchange) => void): Promise<void> {
  for (const file of await listHistoryFiles(dir)) {
    let scanned: ScannedFile;
    try {
      // A fresh template map: each file holds its own templates, and the live ones stay as they are.
      scanned = await scanFile(file.path, file.seq, new Map());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const { record } of scanned.records) if (record.type === 'exchange') visit(record.exchange);
  }
}
