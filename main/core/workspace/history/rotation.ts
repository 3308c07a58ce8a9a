import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const MB = 1024 * 1024;
export const DEFAULT_MAX_TOTAL_BYTES = 200 * MB;
export const DEFAULT_ROTATE_BYTES = 20 * MB;

/** Ten files per cap at most 20 MB each, so dropping the oldest frees about a tenth. */
export function rotateFor(maxTotalBytes: number): number {
  return Math.min(DEFAULT_ROTATE_BYTES, Math.max(1024, Math.floor(maxTotalBytes / 10)));
}

const FILE_PATTERN = /^history-(\d{6,})\.ndjson$/;

export function historyFileName(seq: number): string {
  return `history-${String(seq).padStart(6, '0')}.ndjson`;
}

export interface HistoryFile {
  seq: number;
  path: string;
  size: number;
}

/** The history files in a folder, oldest first; other files there are left alone. */
export async function listHistoryFiles(dir: string): Promise<HistoryFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: HistoryFile[] = [];
  for (const name of names) {
    const match = FILE_PATTERN.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    files.push({ seq: Number(match[1]), path, size: (await stat(path)).size });
  }
  return files.sort((a, b) => a.seq - b.seq);
}

/**
 * Files to delete so the total fits the cap: oldest first, never the file being written, so a
 * single oversized current file is kept rather than losing the newest records.
 */
export function filesOverCap(files: readonly HistoryFile[], maxTotalBytes: number, currentSeq: number): HistoryFile[] {
  let total = files.reduce((sum, file) => sum + file.size, 0);
  const drop: HistoryFile[] = [];
  for (const file of files) {
    if (total <= maxTotalBytes) break;
    if (file.seq === currentSeq) break;
    drop.push(file);
    total -= file.size;
  }
  return drop;
}

export async function removeFiles(files: readonly HistoryFile[]): Promise<void> {
  for (const file of files) await rm(file.path, { force: true });
}
