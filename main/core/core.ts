import { mkdir } from 'node:fs/promises';
import type { AppInfo } from '../../shared/contract';
import { CurlGrants } from './api/curl-grants';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import type { ClipboardWriter } from './api/exchange-curl';
import { createHandlers } from './api/handlers';
import { EventBus } from './events';
import { startExchangeFeed } from './exchange-feed';
import { EphemeralSecrets, OsKeychain, SecretStoreSwitch, type SecretStore } from './credentials/keychain';
import { defaultDataDir, defaultWorkspaceDir } from './paths';
import { createCredentialService, type CredentialService } from './credentials/service';
import { createProviders } from './providers/registry';
import type { ProviderModules } from './providers/types';
import { Sender } from './send/sender';
import { DraftStore } from './workspace/drafts';
import { PresetStore } from './workspace/presets';
import { LiveActivityContractStore } from './workspace/live-activity-contracts';
import { preflightContextSource } from './live-activity/preflight-context';
import { ProfileStore } from './workspace/profiles';
import { DeviceStore } from './workspace/devices';
import { BulkManager } from './send/bulk-manager';
import { createTransport } from './transport';
import type { Transport } from './transport/types';
import type { Exchange } from '../../shared/domain/exchange';
import { HistoryStore } from './workspace/history/store';
import type { EmulatorControl, LocalServicesFactory, SandboxControl } from './local/local-services';

export interface CoreOptions {
  /** Who runs this core: the desktop app, browser mode (`serve`), or one CLI command. */
  mode: AppInfo['mode'];
  dataDir?: string;
  /** History size cap in bytes over all files (default 200 MB). */
  historyMaxBytes?: number;
  workspaceDir?: string;
  /** Memory-only secrets for headless use; never a silent fallback. */
  ephemeralSecrets?: boolean;
  /** Tests inject a store with its own service name so they never touch a user's entries. */
  secrets?: SecretStore;
  log?: (line: string) => void;
  /** Electron's clipboard, so a command with secrets is copied by main and never sent to the renderer. */
  clipboard?: ClipboardWriter;
  /** The clock for expiring confirmations; tests move it. */
  now?: () => number;
  /**
   * The local emulators and the sandbox (`createLocalServices` from `main/local/`): they sit above
   * the core, so every process that makes a core hands them in.
   */
  local: LocalServicesFactory;
  /**
   * The HTTP client, made with the recorder's callback (default `createTransport`). The bulk bench
   * hands in one that answers at once, to measure what the layers above the transport cost.
   */
  transport?: (onExchange: (exchange: Exchange) => void) => Transport;
}

/**
 * The engine, free of Electron: the same object backs the desktop window, browser mode, the CLI
 * and the tests. Domain services hang off it; adapters only see `dispatch` and `events`.
 */
export interface Core {
  readonly mode: AppInfo['mode'];
  readonly dataDir: string;
  readonly workspaceDir: string;
  readonly events: EventBus;
  readonly secrets: SecretStoreSwitch;
  readonly transport: Transport;
  readonly credentials: CredentialService;
  readonly providers: ProviderModules;
  readonly sender: Sender;
  readonly profiles: ProfileStore;
  readonly drafts: DraftStore;
  readonly presets: PresetStore;
  /** Content-state contracts per Live Activity attributes type. */
  readonly liveActivityContracts: LiveActivityContractStore;
  readonly devices: DeviceStore;
  readonly bulk: BulkManager;
  readonly emulators: EmulatorControl;
  readonly sandbox: SandboxControl;
  readonly history: HistoryStore;
  readonly dispatch: Dispatch;
  readonly log: (line: string) => void;
  /** Set in Electron only: see `CoreOptions.clipboard`. */
  readonly clipboard: ClipboardWriter | null;
  /** One-time confirmations to copy an exchange with its secrets. */
  readonly curlGrants: CurlGrants;
  /** Services register their shutdown here (emulators, connection pools, history writers). */
  onClose(close: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const workspaceDir = options.workspaceDir ?? defaultWorkspaceDir(dataDir);
  await mkdir(dataDir, { recursive: true });
  await mkdir(workspaceDir, { recursive: true });
  const log = options.log ?? ((line: string) => console.error(line));
  const secrets = new SecretStoreSwitch(
    options.secrets ?? (options.ephemeralSecrets ? new EphemeralSecrets() : new OsKeychain()),
  );
  const closers: Array<() => Promise<void>> = [];
  const events = new EventBus();
  const onExchange = (exchange: Exchange) => events.emit('exchange.recorded', exchange);
  const transport = options.transport ? options.transport(onExchange) : createTransport({ onExchange });
  const credentials = createCredentialService({ secrets, workspaceDir });
  const providers = createProviders();
  const history = new HistoryStore(
    dataDir,
    options.historyMaxBytes === undefined ? {} : { maxTotalBytes: options.historyMaxBytes },
  );
  // Every exchange and every final result (single or bulk) goes to history, off the send path.
  events.on('exchange.recorded', (exchange) => history.recordExchange(exchange));
  events.on('send.completed', ({ request, result }) => history.recordSend(result, request));
  // What a renderer is handed (an event, a call's reply) comes after history wrote what was
  // recorded before it: a result the window showed survives a crash or kill -9 right after.
  const historyWritten = () => (history.unwritten ? history.written() : null);
  events.holdRendererEvents(historyWritten);
  const liveActivityContracts = new LiveActivityContractStore(workspaceDir);
  const devices = new DeviceStore(workspaceDir);
  const sender = new Sender({
    providers,
    credentials,
    transport,
    events,
    dataDir,
    preflightContext: preflightContextSource({ contracts: liveActivityContracts, history, devices }),
  });
  const profiles = new ProfileStore(workspaceDir, credentials);
  const drafts = new DraftStore(dataDir);
  // A send that says the device is gone (Unregistered, 410, UNREGISTERED) marks it so.
  events.on('send.completed', ({ result }) => {
    if (result.deviceStateChange) void devices.markGone(result).catch(() => {});
  });
  const local = options.local({ dataDir, workspaceDir, events, secrets, credentials, devices, profiles, drafts });
  const core: Core = {
    mode: options.mode,
    dataDir,
    workspaceDir,
    events,
    secrets,
    transport,
    credentials,
    providers,
    sender,
    profiles,
    drafts,
    presets: new PresetStore(workspaceDir),
    liveActivityContracts,
    devices,
    bulk: new BulkManager({ sender, events, devices }),
    emulators: local.emulators,
    sandbox: local.sandbox,
    history,
    log,
    clipboard: options.clipboard ?? null,
    curlGrants: new CurlGrants(options.now),
    dispatch: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'Push Console is starting.' } }),
    onClose(close) {
      closers.push(async () => close());
    },
    async close() {
      for (const close of closers.splice(0).reverse()) await close();
    },
  };
  // Renderers see exchanges as batched list rows; history and the CLI get them whole.
  const stopFeed = startExchangeFeed(events);
  closers.push(async () => stopFeed());
  closers.push(() => transport.close());
  closers.push(() => core.drafts.flush());
  closers.push(() => core.emulators.stop());
  // Registered first so it closes last, after everything that might still record.
  closers.unshift(() => history.close());
  for (const provider of Object.values(providers)) {
    if (provider.close) closers.push(() => provider.close!());
  }
  const dispatch = createDispatcher(createHandlers(core), log, { beforeReply: historyWritten });
  return Object.assign(core, { dispatch });
}
