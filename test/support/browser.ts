import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, missingExecutable } from './system';

export const missingChromium = () => missingExecutable(CHROMIUM, 'the Debian package chromium');

/** Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
