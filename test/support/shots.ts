import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Screenshots for a reviewer, only when asked for (PUSH_CONSOLE_SHOTS=folder): a plain test run writes no files. */
const SHOTS_DIR = process.env['PUSH_CONSOLE_SHOTS'];

interface Shootable {
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
}

/** A screenshot of a page or a locator as `name` in the PUSH_CONSOLE_SHOTS folder, or nothing. */
export async function shot(target: Shootable, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!SHOTS_DIR) return;
  mkdirSync(SHOTS_DIR, { recursive: true });
  await target.screenshot({ path: join(SHOTS_DIR, name), ...options });
}
