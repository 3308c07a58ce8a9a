import type { SendResult } from '../../../shared/domain/send-result';
import type { DeviceVars } from '../../../shared/devices/substitute';

export interface BulkTarget {
  target: string;
  deviceId?: string;
  /** Values for {{device.<name>}} in the payload and string options. */
  vars?: DeviceVars;
}

/** One target's final outcome, as handed out; the run keeps them as columns (`BulkItems`). */
export interface BulkItem {
  index: number;
  target: string;
  deviceId?: string;
  outcome: SendResult['outcome'];
  status: number | null;
  reason: string | null;
  retryable: boolean;
  attempts: number;
  resultId: string;
}

const OUTCOMES: ReadonlyArray<SendResult['outcome']> = ['accepted', 'rejected', 'failed'];
const RETRYABLE = 0x80;

/**
 * Every target's final result as columns: a byte for outcome and retryable, the status, the
 * attempts, a code for the reason and the result id (the same string history keeps). An object
 * per target cost about 90 bytes more, 9 MB on a 100,000-target send, all of it heap the
 * garbage collector has to walk.
 */
export class BulkItems {
  /** 0 until the target's final result; then 1 + the outcome's position, with RETRYABLE set. */
  readonly #state: Uint8Array;
  readonly #status: Int16Array;
  readonly #attempts: Uint16Array;
  readonly #reason: Uint16Array;
  readonly #resultId: string[];
  readonly #reasons: Array<string | null> = [null];
  readonly #reasonCodes = new Map<string | null, number>([[null, 0]]);

  constructor(size: number) {
    this.#state = new Uint8Array(size);
    this.#status = new Int16Array(size);
    this.#attempts = new Uint16Array(size);
    this.#reason = new Uint16Array(size);
    this.#resultId = new Array<string>(size).fill('');
  }

  has(index: number): boolean {
    return this.#state[index] !== 0;
  }

  set(index: number, result: SendResult, attempts: number, retryable: boolean): void {
    this.#state[index] = (OUTCOMES.indexOf(result.outcome) + 1) | (retryable ? RETRYABLE : 0);
    this.#status[index] = result.status ?? -1;
    this.#attempts[index] = Math.min(attempts, 0xffff);
    this.#reason[index] = this.#code(result.reason);
    this.#resultId[index] = result.id;
  }

  matches(index: number, filter?: { outcome?: BulkItem['outcome']; retryable?: boolean }): boolean {
    const state = this.#state[index]!;
    if (state === 0) return false;
    if (filter?.outcome && OUTCOMES[(state & ~RETRYABLE) - 1] !== filter.outcome) return false;
    if (filter?.retryable !== undefined && ((state & RETRYABLE) !== 0) !== filter.retryable) return false;
    return true;
  }

  item(index: number, target: BulkTarget): BulkItem {
    const state = this.#state[index]!;
    const status = this.#status[index]!;
    return {
      index,
      target: target.target,
      ...(target.deviceId ? { deviceId: target.deviceId } : {}),
      outcome: OUTCOMES[(state & ~RETRYABLE) - 1]!,
      status: status < 0 ? null : status,
      reason: this.#reasons[this.#reason[index]!]!,
      retryable: (state & RETRYABLE) !== 0,
      attempts: this.#attempts[index]!,
      resultId: this.#resultId[index]!,
    };
  }

  /** Reasons repeat (Unregistered, BadDeviceToken…): each distinct one is kept once. */
  #code(reason: string | null): number {
    let code = this.#reasonCodes.get(reason);
    if (code === undefined) {
      // Past 65,535 distinct reasons (never in practice) the newest overwrite the last code.
      code = Math.min(this.#reasons.length, 0xffff);
      this.#reasons[code] = reason;
      this.#reasonCodes.set(reason, code);
    }
    return code;
  }
}
