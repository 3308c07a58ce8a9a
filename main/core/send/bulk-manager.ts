import type { Device } from '../../../shared/domain/device';
import type { SendRequest } from '../../../shared/domain/send-request';
import { AppError } from '../../../shared/errors';
import type { EventBus } from '../events';
import type { DeviceStore } from '../workspace/devices';
import { BulkRun, type BulkOptions, type BulkTarget } from './bulk';
import type { Sender } from './sender';

export interface BulkStart {
  request: SendRequest;
  /** Pasted targets, or saved devices (their fields feed {{device.*}}). */
  targets?: string[];
  deviceIds?: string[];
  options?: Omit<BulkOptions, 'onFinal' | 'onAttempt'>;
}

/** The bulk sends of this session, by id, so the UI can page results, pause, cancel and retry. */
export class BulkManager {
  readonly #runs = new Map<string, BulkRun>();
  readonly #specs = new Map<string, BulkStart>();

  readonly #deps: { sender: Sender; events: EventBus; devices: DeviceStore };

  constructor(deps: { sender: Sender; events: EventBus; devices: DeviceStore }) {
    this.#deps = deps;
  }

  async start(spec: BulkStart): Promise<{ sendId: string; total: number; done: Promise<unknown> }> {
    const targets = await this.#targets(spec);
    if (targets.length === 0)
      throw new AppError('INVALID_INPUT', 'Pick at least one device or paste at least one target.');
    return this.#launch(spec, targets);
  }

  #launch(spec: BulkStart, targets: BulkTarget[]): { sendId: string; total: number; done: Promise<unknown> } {
    const run = new BulkRun(this.#deps.sender, this.#deps.events, spec.request, targets, spec.options);
    this.#runs.set(run.id, run);
    this.#specs.set(run.id, spec);
    // Credential problems surface from run() before any send; report them as the run's end.
    const done = run.run().catch((error) => {
      this.#deps.events.emit('send.progress', { ...run.progress(), state: 'cancelled' });
      throw error;
    });
    done.catch(() => {});
    return { sendId: run.id, total: targets.length, done };
  }

  get(sendId: string): BulkRun {
    const run = this.#runs.get(sendId);
    if (!run) throw new AppError('NOT_FOUND', 'That bulk send is not known (it may belong to an earlier session).');
    return run;
  }

  /**
   * A new run over the retryable failures of an earlier one, with the same targets as before
   * (saved devices keep their {{device.*}} values as they were when the first run started).
   */
  async retry(sendId: string): Promise<{ sendId: string; total: number; done: Promise<unknown> }> {
    const run = this.get(sendId);
    const spec = this.#specs.get(sendId)!;
    if (run.state === 'running' || run.state === 'paused')
      throw new AppError('INVALID_INPUT', 'That bulk send is still running; retry once it has finished.');
    const failed = run.results(0, Number.MAX_SAFE_INTEGER, { retryable: true }).items;
    if (failed.length === 0) throw new AppError('NOT_FOUND', 'Nothing to retry: no retryable failures in that send.');
    return this.#launch(
      spec,
      failed.map((item) => run.target(item.index)),
    );
  }

  async #targets(spec: BulkStart): Promise<BulkTarget[]> {
    const pasted = (spec.targets ?? []).map((target) => target.trim()).filter(Boolean);
    const out: BulkTarget[] = pasted.map((target) => ({ target }));
    if (spec.deviceIds?.length) {
      const devices = new Map((await this.#deps.devices.list()).map((d) => [d.id, d]));
      for (const id of spec.deviceIds) {
        const device = devices.get(id);
        if (!device) throw new AppError('NOT_FOUND', `No device with id ${id}.`);
        out.push({ target: device.target, deviceId: device.id, vars: deviceVars(device) });
      }
    }
    return out;
  }
}

export function deviceVars(device: Device): Record<string, string> {
  return { label: device.label, id: device.id, target: device.target, platform: device.platform, ...device.fields };
}
