import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { PROVIDER_IDS, type Provider } from '../../../shared/providers/ids';
import { PROVIDER_PACKAGES } from '../providers/registry';
import { JsonFile, LockedFile } from '../workspace/json-file';

/**
 * Where the local emulators listen and the CA that signed their TLS certificates. Written by
 * whoever starts them (the Emulators screen in-process, or `push-console emulators start` in
 * another process) to `<dataDir>/emulators/local.json`, and read by clients in `local`.
 */
export const localEnvironmentSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  /** PEM of the emulators' CA; clients trust it only for `local` sends. */
  ca: z.string(),
  /** Base URLs (https://127.0.0.1:port) per provider, plus any extra endpoints (each package's `localEndpoints`). */
  ...localEndpointShape(),
  /** Admin API base URLs per provider, for tests, sandbox init and the Emulators screen. */
  admin: z.record(z.string(), z.string()).default({}),
  /** Production-host base URLs per provider whose emulator serves one apart (APNs: its entry above is the sandbox host). */
  production: z.record(z.string(), z.string()).optional(),
  /** Channel management base URLs per provider whose emulator has one (APNs broadcast channels, on the sandbox's). */
  channels: z.record(z.string(), z.string()).optional(),
});
export type LocalEnvironment = z.infer<typeof localEnvironmentSchema>;

type Packages = typeof PROVIDER_PACKAGES;

function localEndpointShape(): { [P in Provider]: z.ZodOptional<Packages[P]['localEndpoints']> } {
  const shape: Partial<Record<Provider, z.ZodOptional<z.ZodType>>> = {};
  for (const id of PROVIDER_IDS) shape[id] = PROVIDER_PACKAGES[id].localEndpoints.optional();
  return shape as { [P in Provider]: z.ZodOptional<Packages[P]['localEndpoints']> };
}

export function localEnvironmentFile(dataDir: string): string {
  return join(dataDir, 'emulators', 'local.json');
}

/** Atomic: a client starting at the same moment reads the old file or the new, never half of one. */
export async function publishLocalEnvironment(dataDir: string, env: LocalEnvironment): Promise<void> {
  const file = new JsonFile(localEnvironmentFile(dataDir), localEnvironmentSchema, () => env, { mode: 0o600 });
  await file.write(env);
}

/** Under the file's lock, so a host that just published in our place is not withdrawn. */
export async function withdrawLocalEnvironment(dataDir: string, pid = process.pid): Promise<void> {
  await new LockedFile(localEnvironmentFile(dataDir)).withLock(async () => {
    const current = await readLocalEnvironment(dataDir);
    if (current && current.pid === pid) await rm(localEnvironmentFile(dataDir), { force: true });
  });
}

export async function readLocalEnvironment(dataDir: string): Promise<LocalEnvironment | null> {
  let text: string;
  try {
    text = await readFile(localEnvironmentFile(dataDir), 'utf8');
  } catch {
    return null;
  }
  const parsed = localEnvironmentSchema.safeParse(safeJson(text));
  if (!parsed.success || !processAlive(parsed.data.pid)) return null;
  return parsed.data;
}

/** The local environment, or a human error saying how to start it. */
export async function requireLocalEnvironment(dataDir: string): Promise<LocalEnvironment> {
  const env = await readLocalEnvironment(dataDir);
  if (!env) {
    throw new AppError(
      'LOCAL_NOT_RUNNING',
      'The local emulators are not running.',
      'Start them on the Emulators screen, or run: push-console emulators start',
    );
  }
  return env;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
