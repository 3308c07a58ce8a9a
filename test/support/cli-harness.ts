import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import type { Provider } from '../../shared/domain/exchange';
import type { RunningEmulator } from '../../main/emulators/common/types';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import { missingCommand } from './system';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

/** What one `push-console …` child answered. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Arguments for one child, or with `stdin` fed to it; `store: false` leaves out the data and
 * workspace folders, for commands that take none (`vapid generate`).
 */
export type CliInvocation = string[] | { args: string[]; stdin?: string; store?: boolean };

/** Why the CLI suites cannot run here (no private D-Bus session or gnome-keyring), or null. */
export function missingKeyringSession(): string | null {
  return missingCommand('dbus-run-session', 'dbus') ?? missingCommand('gnome-keyring-daemon', 'gnome-keyring');
}

/**
 * A scratch folder with one emulator published in its data folder, the way `emulators start` does,
 * for the enclosing describe; `prepare` writes the suite's files and registrations. Returns `cli`,
 * which runs invocations as a user would, in child processes sharing one private D-Bus session
 * with an unlocked gnome-keyring and their own HOME, so the real keychain is used without
 * touching anyone's entries.
 */
export function useCliSandbox<E extends RunningEmulator>(
  prefix: string,
  provider: Provider,
  prepare: (dir: string, emulator: E) => Promise<void> = async () => {},
  options: { timeoutMs?: number } = {},
): (...invocations: CliInvocation[]) => Promise<CliRun[]> {
  let dir: string;
  let set: EmulatorSet;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    set = await startEmulators({ dataDir: join(dir, 'data'), only: [provider] });
    await prepare(dir, set.emulators[provider] as E);
  });
  afterAll(async () => {
    await set.close();
    await rm(dir, { recursive: true, force: true });
  });

  return async (...invocations) => {
    const store = ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws')];
    const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
    const lines = invocations.map((invocation) => {
      const { args, stdin, store: withStore = true } = Array.isArray(invocation) ? { args: invocation } : invocation;
      const words = withStore ? [...args, ...store] : args;
      const feed = stdin === undefined ? '' : `printf '%s' ${quote(stdin)} | `;
      // Each child's exit code, stdout and stderr come back as one JSON line, so output with
      // newlines or quotes survives the shell.
      return (
        `out=$(${feed}node --import tsx main/cli/index.ts ${words.map(quote).join(' ')} 2>"$HOME/err"); code=$?; ` +
        `node -e 'const fs=require("fs");console.log(JSON.stringify({code:+process.argv[1],out:process.argv[2],err:fs.readFileSync(process.env.HOME+"/err","utf8")}))' "$code" "$out"`
      );
    });
    const script = ['echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null', ...lines].join('\n');
    const { stdout } = await run('dbus-run-session', ['--', 'sh', '-c', script], {
      cwd: ROOT,
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), XDG_RUNTIME_DIR: dir },
      timeout: options.timeoutMs ?? 120_000,
    });
    return stdout
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as CliRun);
  };
}
