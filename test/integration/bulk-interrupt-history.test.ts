import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { HistoryStore } from '../../main/core/workspace/history/store';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { LocalCa } from '../../main/emulators/common/ca';
import { missingKeyringSession } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';

const BUNDLE = 'com.example.bulkkill';
const TARGETS = 5_000;
const ROOT = join(import.meta.dirname, '../..');

interface Printed {
  index: number;
  resultId: string;
  outcome: string;
  reason: string | null;
  attempts: number;
}

interface Stopped {
  code: number | null;
  printed: Printed[];
  /** Bytes after the last newline: a line cut by the kill. */
  torn: string;
  err: string;
}

/**
 * A real `push-console bulk apns --json-lines` of 5,000 targets against the APNs emulator, with
 * the real keychain in a private D-Bus session, stopped by a signal once `after` results are
 * printed. Every result it printed must already be in history.
 */
describeWithSystem(
  'bulk send stopped by kill -9 or Ctrl+C (child process, real keychain)',
  missingKeyringSession(),
  () => {
    let dir: string;
    let apns: RunningApnsEmulator;
    let caPem: string;
    let key: { keyId: string; teamId: string };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pc-bulk-kill-'));
      const ca = LocalCa.create('Bulk Kill CA');
      // No state folder: 5,000 devices are registered in memory only.
      caPem = ca.certPem;
      apns = await startApnsEmulator({ ca });
      const created = apns.createKey({ topics: [BUNDLE] });
      key = created;
      await writeFile(join(dir, 'key.p8'), created.keyPem);
      const tokens = Array.from({ length: TARGETS }, () => apns.createDevice({ bundleId: BUNDLE }).token);
      await writeFile(join(dir, 'targets.txt'), `${tokens.join('\n')}\n`);
      await writeFile(join(dir, 'payload.json'), '{"aps":{"alert":"Hello"}}');
    });
    afterAll(async () => {
      await apns?.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** One bulk send in its own data folder; `signal` is sent once `after` results are printed. */
    async function stopAfter(
      name: string,
      signal: NodeJS.Signals,
      after: number,
    ): Promise<Stopped & { dataDir: string }> {
      const dataDir = join(dir, name, 'data');
      const store = ['--data-dir', dataDir, '--workspace', join(dir, name, 'ws')];
      await publishLocalEnvironment(dataDir, {
        pid: process.pid,
        startedAt: new Date().toISOString(),
        ca: caPem,
        apns: apns.baseUrl,
        admin: { apns: apns.adminUrl },
      });
      const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
      const cli = (...words: string[]) => `node bin/push-console.mjs ${[...words, ...store].map(quote).join(' ')}`;
      const script = [
        'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
        `${cli('credentials', 'add', 'apns-token', '--file', join(dir, 'key.p8'), '--key-id', key.keyId, '--team-id', key.teamId, '--label', 'Kill key')} >/dev/null || exit 9`,
        // The shell becomes the CLI (exec), so its pid is the one to signal.
        'echo "pid $$" >&2',
        `exec ${cli('bulk', 'apns', '--credential', 'Kill key', '--env', 'local', '--targets', join(dir, 'targets.txt'), '--payload', join(dir, 'payload.json'), '--topic', BUNDLE, '--json-lines')}`,
      ].join('\n');
      const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
        cwd: ROOT,
        env: {
          ...process.env,
          HOME: join(dir, name),
          XDG_DATA_HOME: join(dir, name, 'xdg'),
          XDG_RUNTIME_DIR: join(dir, name),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let pid = 0;
      let sent = false;
      const lines = () => out.split('\n').length - 1;
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        pid ||= Number(/pid (\d+)/.exec(err)?.[1] ?? 0);
      });
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (!sent && pid && lines() >= after) {
          sent = true;
          process.kill(pid, signal);
        }
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      clearTimeout(timer);
      expect(sent, `the send ended before ${after} lines were printed: ${err}`).toBe(true);
      const end = out.lastIndexOf('\n') + 1;
      const printed = out
        .slice(0, end)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Printed);
      return { code, printed, torn: out.slice(end), err, dataDir };
    }

    /** Every send history holds, by result id; and how many lines it had to skip (torn). */
    async function history(
      dataDir: string,
    ): Promise<{ sends: Map<string, { outcome: string; reason: string | null }>; skipped: number }> {
      const store = new HistoryStore(dataDir, { flushIntervalMs: 60_000 });
      try {
        const page = await store.listSends({}, null, TARGETS * 2);
        return { sends: new Map(page.items.map((send) => [send.id, send])), skipped: store.skippedLines };
      } finally {
        await store.close();
      }
    }

    it('loses no printed result to kill -9 mid-send', async () => {
      const stopped = await stopAfter('kill', 'SIGKILL', 1_500);
      const { sends, skipped } = await history(stopped.dataDir);
      const missing = stopped.printed.filter((line) => !sends.has(line.resultId));
      console.log(
        `kill -9: ${stopped.printed.length} printed, ${sends.size} in history, ${missing.length} printed but not in history`,
      );
      expect(stopped.printed.length).toBeGreaterThanOrEqual(1_500);
      expect(stopped.printed.length).toBeLessThan(TARGETS);
      expect(missing).toEqual([]);
      // At most one torn line: the one the kill cut.
      expect(skipped).toBeLessThanOrEqual(1);
    }, 120_000);

    it('stops cleanly on Ctrl+C: a summary, exit 130, every printed result in history, the rest cancelled', async () => {
      const stopped = await stopAfter('interrupt', 'SIGINT', 1_500);
      const { sends, skipped } = await history(stopped.dataDir);
      const missing = stopped.printed.filter((line) => !sends.has(line.resultId));
      const cancelled = stopped.printed.filter((line) => line.reason === 'CANCELLED');
      console.log(
        `Ctrl+C: ${stopped.printed.length} printed (${cancelled.length} cancelled, ${cancelled.filter((line) => line.attempts > 0).length} of them in flight), ${missing.length} printed but not in history`,
      );
      expect(stopped.code, stopped.err).toBe(130);
      expect(stopped.err).toMatch(
        new RegExp(
          `Cancelled with Ctrl\\+C: ${TARGETS} targets in [\\d.]+s: \\d+ accepted, 0 rejected, \\d+ failed \\(\\d+ cancelled\\)`,
        ),
      );
      expect(stopped.torn).toBe('');
      // Every target has its one final result, printed and in history.
      expect(new Set(stopped.printed.map((line) => line.index)).size).toBe(TARGETS);
      expect(missing).toEqual([]);
      expect(skipped).toBe(0);
      // Sending stopped: what was not accepted was cancelled, and history says so.
      expect(cancelled.length).toBeGreaterThan(0);
      for (const line of stopped.printed.filter((printed) => printed.outcome !== 'accepted')) {
        expect(line.reason).toBe('CANCELLED');
        expect(sends.get(line.resultId)).toMatchObject({ outcome: 'failed', reason: 'CANCELLED' });
      }
    }, 120_000);
  },
);
