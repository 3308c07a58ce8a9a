import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Whether `npm start` would open Electron here rather than fall back to browser mode. */
export function hasElectronBinary(): boolean {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim()));
}

export interface ServedApp {
  url: string;
  origin: string;
  token: string;
  output: () => string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The built CLI's `serve`, secrets in memory: what the e2e tests run. */
export const SERVE_COMMAND = [join(ROOT, 'bin', 'push-console.mjs'), 'serve', '--ephemeral-secrets'];

/**
 * Runs a real command that prints the browser-mode URL (the built CLI's `serve`, or `npm start`)
 * with its own temporary data folder, and waits for the URL. With `dataDir` it runs on that
 * folder instead (a restart), which is the caller's to remove. An `extraEnv` value of undefined
 * removes that variable (e.g. DBUS_SESSION_BUS_ADDRESS, for a machine with no Secret Service).
 */
export async function startServed(
  command: string[] = SERVE_COMMAND,
  extraEnv: Record<string, string | undefined> = {},
  options: { dataDir?: string } = {},
): Promise<ServedApp> {
  const owned = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pc-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PUSH_CONSOLE_DATA_DIR: dataDir, ...extraEnv };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const child: ChildProcess = spawn(process.execPath, command, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // The caller never gets a handle to stop it: stop it here.
      child.kill('SIGTERM');
      if (owned) rmSync(dataDir, { recursive: true, force: true });
      reject(new Error(`no URL within 60 s; output:\n${output}`));
    }, 60_000);
    const check = () => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing a URL:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token')!,
    output: () => output,
    dataDir,
    async stop() {
      // A child stopped by a signal has no exit code but a signal code: stopping it again must not wait.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (owned) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
