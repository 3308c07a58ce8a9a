import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HISTORY_DIR_MODE, HISTORY_FILE_MODE } from './ndjson-writer';
import { MB } from './rotation';

const SETTINGS_FILE = 'settings.json';
/** The smallest size cap history accepts. */
export const MIN_CAP_BYTES = MB;

/** The saved size cap in `history/settings.json`, or null for the default. */
export async function readSettings(dir: string): Promise<number | null> {
  try {
    const value = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')) as { maxTotalBytes?: unknown };
    return typeof value.maxTotalBytes === 'number' && value.maxTotalBytes >= MIN_CAP_BYTES ? value.maxTotalBytes : null;
  } catch {
    // No settings yet (or unreadable ones): the default applies.
    return null;
  }
}

export async function writeSettings(dir: string, maxTotalBytes: number): Promise<void> {
  await mkdir(dir, { recursive: true, mode: HISTORY_DIR_MODE });
  await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ maxTotalBytes }, null, 2), { mode: HISTORY_FILE_MODE });
}
