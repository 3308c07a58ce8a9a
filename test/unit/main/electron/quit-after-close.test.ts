import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/core/core';
import { createLocalServices } from '../../../../main/local';
import { historyFileName } from '../../../../main/core/workspace/history/rotation';
import { quitAfterClose } from '../../../../main/electron/quit-after-close';
import { makeResult } from '../../../support/history-fixtures';

/** Electron's `app` as far as quitting goes: will-quit runs its listeners, then quits unless one prevented it. */
class FakeApp extends EventEmitter {
  quits = 0;
  ended = false;
  prevented = 0;
  quit(): void {
    this.quits++;
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (prevented) this.prevented++;
    else this.ended = true;
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('quitAfterClose', () => {
  it('ends the app only after a real core closed, with its history on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pc-quit-'));
    try {
      const core = await createCore({
        local: createLocalServices,
        mode: 'electron',
        dataDir: dir,
        ephemeralSecrets: true,
        log: () => {},
      });
      core.events.emit('send.completed', { request: null, result: makeResult(1) });
      const app = new FakeApp();
      let onDiskAtEnd = '';
      const close = async () => {
        await core.close();
        onDiskAtEnd = await readFile(join(dir, 'history', historyFileName(1)), 'utf8');
      };
      quitAfterClose(app, close);
      app.quit();
      // Held: Electron would have ended the process here, history still in memory.
      expect(app.ended).toBe(false);
      await expect.poll(() => app.ended).toBe(true);
      expect(onDiskAtEnd).toContain('"send-1"');
      expect(app.quits).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives up on a close that hangs after the timeout, and closes once however often quit is asked', async () => {
    const app = new FakeApp();
    const lines: string[] = [];
    let closes = 0;
    quitAfterClose(
      app,
      () => {
        closes++;
        return new Promise<void>(() => {});
      },
      { timeoutMs: 50, log: (line) => lines.push(line) },
    );
    app.quit();
    app.quit();
    await tick(20);
    expect(app.ended).toBe(false);
    await expect.poll(() => app.ended).toBe(true);
    expect(closes).toBe(1);
    expect(lines).toEqual(['[quit] closing took over 50 ms; quitting anyway']);
  });

  it('still quits when close fails or there is no core yet', async () => {
    const failing = new FakeApp();
    const lines: string[] = [];
    quitAfterClose(failing, () => Promise.reject(new Error('disk gone')), { log: (line) => lines.push(line) });
    failing.quit();
    await expect.poll(() => failing.ended).toBe(true);
    expect(lines).toEqual(['[quit] closing failed: disk gone']);
    const early = new FakeApp();
    quitAfterClose(early, () => undefined);
    early.quit();
    await expect.poll(() => early.ended).toBe(true);
  });
});
