import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Provider } from '../../shared/domain/exchange';
import { AppError } from '../../shared/errors';
import { PROVIDER_LABELS } from '../../shared/providers/ids';
import { publishLocalEnvironment, withdrawLocalEnvironment, type LocalEnvironment } from '../core/local/local-env';
import { LocalCa } from './common/ca';
import type { EmulatorFactory, EmulatorStartOptions, RunningEmulator } from './common/types';
import { EMULATORS } from './registry';

export interface EmulatorSet {
  readonly ca: LocalCa;
  /** The CA's PEM file in the state folder (what `NODE_EXTRA_CA_CERTS` names); absent without one. */
  readonly caFile?: string;
  readonly emulators: Partial<Record<Provider, RunningEmulator>>;
  readonly environment: LocalEnvironment;
  close(): Promise<void>;
}

/** Ports by listener name (`listenerNames()`: `apns`, `apns-production`, `apns-admin`, `fcm`…). */
export type ListenerPorts = Readonly<Record<string, number>>;

export interface StartEmulatorsOptions {
  /** Where the local environment is published for clients (the app's data folder). */
  dataDir: string;
  /**
   * Keeps the CA, each emulator's state and the ports they listened on across runs, so trust,
   * devices and the URLs that name them (WNS channel URIs, Web Push endpoints) survive restarts.
   */
  stateDir?: string;
  /** Only these providers (default: all built). */
  only?: readonly Provider[];
  /** Fixed ports; one in use is an error naming it. Listeners not named reuse their last port, or any. */
  ports?: ListenerPorts;
  seed?: number;
  checks?: Record<string, boolean>;
}

/** Registered keys, devices and the CA live here unless told otherwise, so restarts keep them. */
export function defaultStateDir(dataDir: string): string {
  return join(dataDir, 'emulators', 'state');
}

/** Every listener a port can be given for: each emulator by provider id, APNs' others as `apns-production`, `apns-admin`, `apns-channels`. */
export function listenerNames(): string[] {
  return EMULATORS.flatMap((factory) => [
    factory.provider,
    ...(factory.separateListeners ?? []).map((listener) => `${factory.provider}-${listener}`),
  ]);
}

/** Starts every emulator on loopback, publishes where they are, and withdraws that on close. */
export async function startEmulators(options: StartEmulatorsOptions): Promise<EmulatorSet> {
  const ca = await loadOrCreateCa(options.stateDir);
  const portsFile = options.stateDir ? join(options.stateDir, 'ports.json') : null;
  const requested = options.ports ?? {};
  // A port asked for now wins over one some listener had last time.
  const taken = new Set(Object.values(requested));
  const remembered = Object.fromEntries(
    Object.entries(portsFile ? await readPorts(portsFile) : {}).filter(([, port]) => !taken.has(port)),
  );
  const emulators: Partial<Record<Provider, RunningEmulator>> = {};
  const started: RunningEmulator[] = [];
  const listened: Record<string, number> = { ...remembered };
  try {
    for (const factory of EMULATORS) {
      if (options.only && !options.only.includes(factory.provider)) continue;
      const start = (ports: ListenerPorts) =>
        factory.start({
          ca,
          ...portOptions(factory, ports),
          ...(options.stateDir ? { stateDir: join(options.stateDir, factory.provider) } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.checks ? { checks: options.checks } : {}),
          peers: () => emulators,
        });
      const running = await start({ ...remembered, ...requested }).catch((error: unknown) => {
        const name = busyListener(factory, { ...remembered, ...requested }, error);
        if (name === null) throw error;
        if (requested[name] !== undefined) throw portInUse(factory, name, requested[name]);
        // Last run's port is taken by something else now: any free one will do.
        return start(requested);
      });
      emulators[factory.provider] = running;
      started.push(running);
      Object.assign(listened, listenerPorts(factory, running));
    }
  } catch (error) {
    for (const running of started.reverse()) await running.close();
    throw error;
  }
  if (portsFile) await writeFile(portsFile, `${JSON.stringify(listened, null, 2)}\n`);
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
    ...(options.stateDir ? { caFile: join(options.stateDir, 'ca.pem') } : {}),
    emulators,
    environment,
    async close() {
      await withdrawLocalEnvironment(options.dataDir);
      for (const running of started.reverse()) await running.close();
    },
  };
}

function portOptions(factory: EmulatorFactory, ports: ListenerPorts): Partial<EmulatorStartOptions> {
  const out: Partial<EmulatorStartOptions> = {};
  const port = ports[factory.provider];
  const production = ports[`${factory.provider}-production`];
  const admin = ports[`${factory.provider}-admin`];
  const channels = ports[`${factory.provider}-channels`];
  if (port !== undefined) out.port = port;
  if (channels !== undefined && factory.separateListeners?.includes('channels')) out.channelsPort = channels;
  if (production !== undefined && factory.separateListeners?.includes('production')) out.productionPort = production;
  if (admin !== undefined && factory.separateListeners?.includes('admin')) out.adminPort = admin;
  return out;
}

function listenerPorts(factory: EmulatorFactory, running: RunningEmulator): Record<string, number> {
  const port = (url: string | undefined) => Number(new URL(url ?? '').port);
  const out: Record<string, number> = { [factory.provider]: port(running.baseUrl) };
  for (const listener of factory.separateListeners ?? []) {
    const url = { production: running.productionUrl, admin: running.adminUrl, channels: running.channelsUrl }[listener];
    out[`${factory.provider}-${listener}`] = port(url);
  }
  return out;
}

/** The listener whose port `error` says was taken, or null when it is not that error. */
function busyListener(factory: EmulatorFactory, ports: ListenerPorts, error: unknown): string | null {
  const failure = error as NodeJS.ErrnoException & { port?: number };
  if (failure?.code !== 'EADDRINUSE') return null;
  const names = [factory.provider, ...(factory.separateListeners ?? []).map((l) => `${factory.provider}-${l}`)];
  return names.find((name) => ports[name] === failure.port) ?? factory.provider;
}

function portInUse(factory: EmulatorFactory, name: string, port: number | undefined): AppError {
  const which = name === factory.provider ? '' : ` (${name.slice(factory.provider.length + 1)})`;
  return new AppError(
    'PORT_IN_USE',
    `Port ${port} is already in use, so the ${PROVIDER_LABELS[factory.provider]} emulator${which} cannot listen on it.`,
    `Stop the program using port ${port}, or give ${name} another port.`,
  );
}

async function readPorts(file: string): Promise<Record<string, number>> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, number] => Number.isInteger(entry[1])),
    );
  } catch {
    // No ports kept yet (or a file we cannot read): every listener takes a free port.
    return {};
  }
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
