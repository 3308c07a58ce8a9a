import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CliRun } from './cli-harness';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

/** One child: the arguments after `node` (a script and its own), and what to feed its stdin. */
export interface ChildInvocation {
  argv: string[];
  stdin?: string;
}

/** The built `push-console` command, as a user runs it (`npm test` builds it first). */
export function cli(args: string[], stdin?: string): ChildInvocation {
  return { argv: ['bin/push-console.mjs', ...args], ...(stdin === undefined ? {} : { stdin }) };
}

/** A TypeScript script from test/support, run through tsx. */
export function script(name: string, args: string[]): ChildInvocation {
  return { argv: ['--import', 'tsx', `test/support/${name}`, ...args] };
}

export interface SessionResult {
  /** Every child's answer, in the order given, phase after phase. */
  runs: CliRun[];
  /** The accounts of every `push-console` entry in the session's keychain once all had exited. */
  keychainAccounts: string[];
}

/**
 * Runs phases of child processes in one private D-Bus session with a fresh, unlocked
 * gnome-keyring (HOME and the keyring live in `dir`), so they share the real keychain and no one
 * else's. All children of a phase start at once and the next phase waits for every one of them.
 */
export async function runInKeyringSession(
  dir: string,
  phases: ChildInvocation[][],
  options: { timeoutMs?: number } = {},
): Promise<SessionResult> {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const names: string[] = [];
  const lines = ['echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null'];
  for (const phase of phases) {
    for (const child of phase) {
      const name = join(dir, `child-${names.length}`);
      names.push(name);
      // A child with nothing to read gets an empty stdin rather than waiting on the shell's.
      const feed = child.stdin === undefined ? '' : `printf '%s' ${quote(child.stdin)} | `;
      const empty = child.stdin === undefined ? ' </dev/null' : '';
      const out = `>${quote(`${name}.out`)} 2>${quote(`${name}.err`)}`;
      lines.push(
        `(${feed}node ${child.argv.map(quote).join(' ')} ${out}${empty}; echo $? >${quote(`${name}.code`)}) &`,
      );
    }
    lines.push('wait');
  }
  lines.push(
    `node -e 'require("@napi-rs/keyring").findCredentialsAsync("push-console").then((all) => console.log(JSON.stringify(all.map((c) => c.account))))'`,
  );
  const { stdout } = await run('dbus-run-session', ['--', 'sh', '-c', lines.join('\n')], {
    cwd: ROOT,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), XDG_RUNTIME_DIR: dir },
    timeout: options.timeoutMs ?? 120_000,
  });
  const runs = await Promise.all(
    names.map(async (name) => ({
      code: Number((await readFile(`${name}.code`, 'utf8')).trim()),
      out: await readFile(`${name}.out`, 'utf8'),
      err: await readFile(`${name}.err`, 'utf8'),
    })),
  );
  const last = stdout.trim().split('\n').pop() ?? '[]';
  return { runs, keychainAccounts: JSON.parse(last) as string[] };
}
