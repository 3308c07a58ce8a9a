// A private D-Bus session with a fresh, unlocked gnome-keyring, for whatever needs the real OS
// keychain without touching a user's (npm test, the CLI bench). Shared so both bring it up alike.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/**
 * Re-runs this script inside `dbus-run-session` (once; `marker` names the variable that says it
 * did) and exits with its status. Inside, returns nothing: the caller goes on.
 */
export function reRunInSession(marker) {
  if (process.env[marker] || !has('dbus-run-session')) return;
  const result = spawnSync('dbus-run-session', ['--', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [marker]: '1' },
  });
  process.exit(result.status ?? 1);
}

/**
 * Starts a fresh keyring in `scratch`, unlocked with a throwaway password, and returns the
 * environment that reaches it; null when there is no session or no gnome-keyring.
 */
export function startKeyring(scratch, marker) {
  if (!process.env[marker] || !has('gnome-keyring-daemon')) return null;
  const env = { ...process.env, XDG_DATA_HOME: join(scratch, 'data') };
  mkdirSync(join(env.XDG_DATA_HOME, 'keyrings'), { recursive: true });
  const out = execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    input: 'pw',
    env,
    encoding: 'utf8',
  });
  for (const line of out.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  return env;
}
