import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

/**
 * A suite that needs a part of the system (Chromium, curl, a keychain). Where the part is
 * missing the suite is skipped with the reason printed; under CI=true a missing part fails the
 * run instead, because CI must never go green by skipping.
 */
export function describeWithSystem(name: string, missing: string | null, body: () => void): void {
  if (missing === null) {
    describe(name, body);
    return;
  }
  if (process.env['CI'] === 'true') {
    describe(name, () => {
      it(`has what it needs: ${missing}`, () => {
        throw new Error(`Missing system part under CI: ${missing}. .ci/run must install it.`);
      });
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${missing}`);
  describe.skip(name, body);
}

/** One test that needs a part of the system: skipped saying why, or failed under CI=true, as above. */
export function itWithSystem(name: string, missing: string | null, body: () => void | Promise<void>): void {
  if (missing === null) {
    it(name, body);
    return;
  }
  if (process.env['CI'] === 'true') {
    it(name, () => {
      throw new Error(`Missing system part under CI: ${missing}. .ci/run must install it.`);
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${missing}`);
  it.skip(name, body);
}

export function missingExecutable(path: string, install: string): string | null {
  return existsSync(path) ? null : `${path} not found (install ${install})`;
}

export function missingCommand(command: string, install: string): string | null {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return null;
  } catch {
    return `${command} not found (install ${install})`;
  }
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
