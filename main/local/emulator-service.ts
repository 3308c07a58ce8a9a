import type { Provider } from '../../shared/domain/exchange';
import type { FaultRuleInput } from '../../shared/domain/fault-rule';
import { AppError } from '../../shared/errors';
import { PROVIDER_IDS } from '../../shared/providers/ids';
import type { EventBus } from '../core/events';
import { readLocalEnvironment } from '../core/local/local-env';
import type { EmulatorControl } from '../core/local/local-services';
import type { Delivery } from '../emulators/common/inbox';
import { EMULATORS } from '../emulators/registry';
import { defaultStateDir, startEmulators, type EmulatorSet } from '../emulators/run';
import { listLiveActivities, rotateActivityToken } from './live-activities';

export interface EmulatorStatus {
  /** `here`: started by this app; `elsewhere`: another process (e.g. `push-console emulators start`). */
  running: 'here' | 'elsewhere' | 'no';
  pid: number | null;
  available: Provider[];
  endpoints: Array<{ provider: Provider; baseUrl: string; deliveries: number }>;
}

/**
 * The Emulators screen's backend: start and stop the local services inside this process,
 * read their inboxes and manage fault rules. Deliveries are announced as events.
 */
export class EmulatorService implements EmulatorControl {
  #set: EmulatorSet | null = null;
  #starting: Promise<EmulatorSet> | null = null;
  readonly #unsubscribe: Array<() => void> = [];

  readonly #deps: { dataDir: string; events: EventBus };

  constructor(deps: { dataDir: string; events: EventBus }) {
    this.#deps = deps;
  }

  async status(): Promise<EmulatorStatus> {
    const available = EMULATORS.map((factory) => factory.provider);
    if (this.#set) {
      return {
        running: 'here',
        pid: process.pid,
        available,
        endpoints: Object.entries(this.#set.emulators).map(([provider, running]) => ({
          provider: provider as Provider,
          baseUrl: running.baseUrl,
          deliveries: running.inbox.size,
        })),
      };
    }
    const elsewhere = await readLocalEnvironment(this.#deps.dataDir);
    if (elsewhere) {
      const endpoints: EmulatorStatus['endpoints'] = [];
      for (const provider of PROVIDER_IDS) {
        // APNs publishes its sandbox host as a plain URL; the others an object of endpoints.
        const entry = elsewhere[provider];
        const baseUrl = typeof entry === 'string' ? entry : entry?.baseUrl;
        if (baseUrl) endpoints.push({ provider, baseUrl, deliveries: -1 });
      }
      return { running: 'elsewhere', pid: elsewhere.pid, available, endpoints };
    }
    return { running: 'no', pid: null, available, endpoints: [] };
  }

  async start(): Promise<EmulatorSet> {
    if (this.#set) return this.#set;
    const elsewhere = await readLocalEnvironment(this.#deps.dataDir);
    if (elsewhere && elsewhere.pid !== process.pid) {
      throw new AppError(
        'CONFLICT',
        `The local emulators are already running in another process (pid ${elsewhere.pid}).`,
        'Stop that process (Ctrl+C in its terminal) to run them here instead.',
      );
    }
    this.#starting ??= startEmulators({
      dataDir: this.#deps.dataDir,
      stateDir: defaultStateDir(this.#deps.dataDir),
    }).then((set) => {
      this.#set = set;
      for (const [provider, running] of Object.entries(set.emulators)) {
        this.#unsubscribe.push(
          running.inbox.subscribe((delivery) =>
            this.#deps.events.emit('emulator.delivery', {
              provider,
              device: delivery.device,
              receivedAt: delivery.receivedAt,
              summary: summarize(delivery),
            }),
          ),
        );
      }
      return set;
    });
    try {
      return await this.#starting;
    } finally {
      this.#starting = null;
    }
  }

  async stop(): Promise<void> {
    const set = this.#set;
    this.#set = null;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await set?.close();
  }

  /** The running set, or a human error saying how to start it. */
  require(): EmulatorSet {
    if (!this.#set) {
      throw new AppError(
        'LOCAL_NOT_RUNNING',
        'The local emulators are not running in this app.',
        'Press “Start emulators” first.',
      );
    }
    return this.#set;
  }

  inbox(provider: Provider, device?: string): Delivery[] {
    const emulator = this.require().emulators[provider];
    if (!emulator) throw new AppError('NOT_FOUND', `There is no ${provider} emulator in this build.`);
    return emulator.inbox.list(device).slice(-500).reverse();
  }

  clearInbox(provider: Provider): void {
    this.require().emulators[provider]?.inbox.clear();
  }

  addFault(provider: Provider, rule: FaultRuleInput) {
    const emulator = this.require().emulators[provider];
    if (!emulator) throw new AppError('NOT_FOUND', `There is no ${provider} emulator in this build.`);
    return emulator.faults.add(rule);
  }

  faults(provider: Provider) {
    return this.require().emulators[provider]?.faults.list() ?? [];
  }

  removeFault(provider: Provider, id: string): boolean {
    return this.require().emulators[provider]?.faults.remove(id) ?? false;
  }

  liveActivities() {
    return listLiveActivities(this.#deps.dataDir);
  }

  rotateActivityToken(activityId: string) {
    return rotateActivityToken(this.#deps.dataDir, activityId);
  }
}

function summarize(delivery: Delivery): string {
  const text = delivery.payload.replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 137)}…` : text;
}
