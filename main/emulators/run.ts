import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Provider } from '../../shared/domain/exchange';
import { publishLocalEnvironment, withdrawLocalEnvironment, type LocalEnvironment } from '../core/local/local-env';
import { LocalCa } from './common/ca';
import type { RunningEmulator } from './common/types';
import { EMULATORS } from './registry';

export interface EmulatorSet {
  readonly ca: LocalCa;
  readonly emulators: Partial<Record<Provider, RunningEmulator>>;
  readonly environment: LocalEnvironment;
  close(): Promise<void>;
}

export interface StartEmulatorsOptions {
  /** Where the local environment is published for clients (the app's data folder). */
  dataDir: string;
  /** Keeps the CA (and each emulator's state) across runs, so trust and devices survive restarts. */
  stateDir?: string;
  /** Only these providers (default: all built). */
  only?: readonly Provider[];
  seed?: number;
  checks?: Record<string, boolean>;
}

/** Registered keys, devices and the CA live here unless told otherwise, so restarts keep them. */
export function defaultStateDir(dataDir: string): string {
  return join(dataDir, 'emulators', 'state');
}

/** Starts every emulator on loopback, publishes where they are, and withdraws that on close. */
export async function startEmulators(options: StartEmulatorsOptions): Promise<EmulatorSet> {
  const ca = await loadOrCreateCa(options.stateDir);
  const emulators: Partial<Record<Provider, RunningEmulator>> = {};
  const started: RunningEmulator[] = [];
  try {
    for (const factory of EMULATORS) {
      if (options.only && !options.only.includes(factory.provider)) continue;
      const running = await factory.start({
        ca,
        ...(options.stateDir ? { stateDir: join(options.stateDir, factory.provider) } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.checks ? { checks: options.checks } : {}),
        peers: () => emulators,
      });
      emulators[factory.provider] = running;
      started.push(running);
    }
  } catch (error) {
    for (const running of started.reverse()) await running.close();
    throw error;
  }
  const environment: LocalEnvironment = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ca: ca.certPem,
    admin: {},
  };
  for (const factory of EMULATORS) {
    const running = emulators[factory.provider];
    if (!running) continue;
    Object.assign(environment, factory.describe(running));
    environment.admin[factory.provider] = running.adminUrl;
    if (running.productionUrl) (environment.production ??= {})[factory.provider] = running.productionUrl;
  }
  await publishLocalEnvironment(options.dataDir, environment);
  return {
    ca,
    emulators,
    environment,
    async close() {
      await withdrawLocalEnvironment(options.dataDir);
      for (const running of started.reverse()) await running.close();
    },
  };
}

async function loadOrCreateCa(stateDir: string | undefined): Promise<LocalCa> {
  if (!stateDir) return LocalCa.create();
  const certFile = join(stateDir, 'ca.pem');
  const keyFile = join(stateDir, 'ca-key.pem');
  try {
    return LocalCa.fromPem(await readFile(certFile, 'utf8'), await readFile(keyFile, 'utf8'));
  } catch {
    await mkdir(stateDir, { recursive: true });
    const ca = LocalCa.create();
    await writeFile(certFile, ca.certPem);
    await writeFile(keyFile, ca.keyPem, { mode: 0o600 });
    return ca;
  }
}
