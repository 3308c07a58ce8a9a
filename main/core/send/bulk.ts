import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { SendRequest } from '../../../shared/domain/send-request';
import type { SendResult } from '../../../shared/domain/send-result';
import { hasPlaceholders, substitute, type DeviceVars } from '../../../shared/devices/substitute';
import { isAppError } from '../../../shared/errors';
import { providerSpec } from '../../../shared/providers';
import type { EventBus } from '../events';
import { retryDelayMs, sleep } from './backoff';
import { BulkItems, type BulkItem, type BulkTarget } from './bulk-items';
import type { PreparedSend, Sender } from './sender';

// Declared beside the columns that hold them; importers of the run get them here too.
export type { BulkItem, BulkTarget };

export interface BulkOptions {
  /** Requests in flight at once (HTTP/2 streams for APNs, parallel requests elsewhere). */
  concurrency?: number;
  /** Attempts per target, the first included. */
  maxAttempts?: number;
  retryBaseMs?: number;
  maxRetryDelayMs?: number;
  /** Record full exchanges during the run (default on; off is faster for very large runs). */
  record?: boolean;
  /**
   * Also retry failures where the server may already have processed the request (a connection
   * dropped or a stream reset mid-request, a GOAWAY that covered it). Default on: a bulk send is
   * at-least-once, so such a target can be delivered twice, never silently lost.
   */
  retryAmbiguous?: boolean;
  /** Called with each target's final result, exactly once per target. */
  onFinal?: (item: BulkItem, result: SendResult) => void;
  /** Called after every attempt, retried or final (logs, tests counting retries). */
  onAttempt?: (index: number, attempt: number, result: SendResult) => void;
}

type Callbacks = 'onFinal' | 'onAttempt';

/** Transport failure codes after which the request may or may not have reached the service. */
const AMBIGUOUS_FAILURES = new Set(['CONNECTION_RESET', 'STREAM_RESET', 'GOAWAY']);

/** A failure with no answer from the service, where it may or may not have processed the request. */
export function isAmbiguousFailure(result: SendResult): boolean {
  if (result.outcome !== 'failed' || result.status !== null || result.retryable) return false;
  // APNs names a GOAWAY by its debug reason (e.g. Shutdown) and keeps the frame in details.
  return AMBIGUOUS_FAILURES.has(result.reason ?? '') || result.details?.['goaway'] !== undefined;
}

export type BulkState = 'running' | 'paused' | 'done' | 'cancelled';

export interface BulkProgress {
  sendId: string;
  done: number;
  total: number;
  accepted: number;
  rejected: number;
  failed: number;
  ratePerSecond: number;
  etaSeconds: number | null;
  state: BulkState;
}

/**
 * One message to many targets with bounded concurrency, retries with backoff for retryable
 * failures (429 with Retry-After, 5xx, resets), pause and cancel. Every target ends with exactly
 * one final result, announced quietly (history and devices hear it; renderers get progress).
 */
export class BulkRun {
  readonly id = randomUUID();
  readonly #sender: Sender;
  readonly #events: EventBus;
  readonly #request: SendRequest;
  readonly #targets: readonly BulkTarget[];
  readonly #options: Required<Omit<BulkOptions, Callbacks>> & Pick<BulkOptions, Callbacks>;
  readonly #items: BulkItems;
  readonly #abort = new AbortController();
  #state: BulkState = 'running';
  #resume: (() => void) | null = null;
  #paused: Promise<void> | null = null;
  #counts = { done: 0, accepted: 0, rejected: 0, failed: 0 };
  #startedAt = 0;
  #lastProgress = 0;
  /** No {{device.*}} anywhere: every target gets the template as it is. */
  readonly #plain: boolean;

  constructor(
    sender: Sender,
    events: EventBus,
    request: SendRequest,
    targets: readonly BulkTarget[],
    options: BulkOptions = {},
  ) {
    this.#sender = sender;
    this.#events = events;
    this.#request = request;
    this.#targets = targets;
    this.#items = new BulkItems(targets.length);
    this.#options = {
      concurrency: Math.max(1, Math.min(options.concurrency ?? providerSpec(request.provider).bulkConcurrency, 1000)),
      maxAttempts: Math.max(1, options.maxAttempts ?? 4),
      retryBaseMs: options.retryBaseMs ?? 250,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
      record: options.record ?? true,
      retryAmbiguous: options.retryAmbiguous ?? true,
      onFinal: options.onFinal,
      onAttempt: options.onAttempt,
    };
    this.#plain =
      !hasPlaceholders(request.payload) &&
      !Object.values(request.options as Record<string, unknown>).some(
        (value) => typeof value === 'string' && hasPlaceholders(value),
      );
    // Every request in flight listens for cancel on this one signal.
    setMaxListeners(0, this.#abort.signal);
  }

  get state(): BulkState {
    return this.#state;
  }

  async run(): Promise<BulkProgress> {
    this.#startedAt = performance.now();
    // Credential and endpoints are looked up once, not once per target.
    let prepared: PreparedSend;
    try {
      // Recording is chosen for this run's requests only; other sends meanwhile keep theirs.
      prepared = { ...(await this.#sender.prepare(this.#request)), record: this.#options.record };
    } catch (error) {
      // Nothing was sent (no credential, emulators not running): the run is over, not running.
      this.#state = 'cancelled';
      throw error;
    }
    let next = 0;
    const worker = async () => {
      for (;;) {
        if (this.#paused) await this.#paused;
        if (this.#abort.signal.aborted) return;
        const index = next++;
        if (index >= this.#targets.length) return;
        await this.#sendOne(index, prepared);
      }
    };
    const workers = Math.min(this.#options.concurrency, this.#targets.length);
    await Promise.all(Array.from({ length: workers }, worker));
    // Targets never started because of a cancel still get their one final result.
    for (let index = 0; index < this.#targets.length; index++) {
      if (!this.#items.has(index))
        this.#final(
          index,
          0,
          this.#synthetic(index, 'CANCELLED', 'The bulk send was cancelled before this target was sent.'),
        );
    }
    this.#state = this.#abort.signal.aborted ? 'cancelled' : 'done';
    const progress = this.progress();
    this.#events.emit('send.progress', progress);
    return progress;
  }

  pause(): void {
    if (this.#state !== 'running') return;
    this.#state = 'paused';
    this.#paused = new Promise((resolve) => (this.#resume = resolve));
    this.#events.emit('send.progress', this.progress());
  }

  resume(): void {
    if (this.#state !== 'paused') return;
    this.#state = 'running';
    this.#resume?.();
    this.#paused = null;
    this.#events.emit('send.progress', this.progress());
  }

  cancel(): void {
    this.#abort.abort();
    if (this.#state === 'paused') this.resume();
  }

  progress(): BulkProgress {
    const elapsed = Math.max((performance.now() - this.#startedAt) / 1000, 0.001);
    const rate = this.#counts.done / elapsed;
    const left = this.#targets.length - this.#counts.done;
    return {
      sendId: this.id,
      ...this.#counts,
      total: this.#targets.length,
      ratePerSecond: Math.round(rate * 10) / 10,
      etaSeconds: rate > 0 && left > 0 ? Math.round(left / rate) : left === 0 ? 0 : null,
      state: this.#state,
    };
  }

  /** The target at this index as it was given (with its {{device.*}} values). */
  target(index: number): BulkTarget {
    const target = this.#targets[index];
    if (!target) throw new RangeError(`No target ${index} in this bulk send.`);
    return target;
  }

  /** A page of final results, optionally only one outcome or only retryable failures. */
  results(
    offset: number,
    limit: number,
    filter?: { outcome?: BulkItem['outcome']; retryable?: boolean },
  ): { items: BulkItem[]; total: number } {
    const items: BulkItem[] = [];
    let total = 0;
    for (let index = 0; index < this.#targets.length; index++) {
      if (!this.#items.matches(index, filter)) continue;
      if (total >= offset && items.length < limit) items.push(this.#items.item(index, this.#targets[index]!));
      total++;
    }
    return { items, total };
  }

  async #sendOne(index: number, prepared: PreparedSend): Promise<void> {
    const target = this.#targets[index]!;
    const built = this.#build(target);
    if ('missing' in built) {
      this.#final(
        index,
        1,
        this.#synthetic(
          index,
          'MISSING_FIELD',
          `No value for {{device.${built.missing.join('}}, {{device.')}}} for this target.`,
        ),
      );
      return;
    }
    for (let attempt = 1; ; attempt++) {
      let result: SendResult;
      // The request behind the result, kept with it in history; none when the send threw.
      let sent: SendRequest | null = built.request;
      try {
        result = (await this.#sender.send(built.request, { prepared, announce: false, signal: this.#abort.signal }))
          .result;
      } catch (error) {
        const reason = isAppError(error) ? error.code : 'INTERNAL';
        const message = error instanceof Error ? error.message : String(error);
        result = this.#synthetic(index, reason, message);
        sent = null;
      }
      this.#options.onAttempt?.(index, attempt, result);
      const retry = this.#retryable(result) && attempt < this.#options.maxAttempts && !this.#abort.signal.aborted;
      if (!retry) {
        this.#final(index, attempt, result, sent);
        return;
      }
      await sleep(
        retryDelayMs(attempt, result.retryAfterSeconds, this.#options.retryBaseMs, this.#options.maxRetryDelayMs),
        this.#abort.signal,
      );
    }
  }

  #retryable(result: SendResult): boolean {
    if (result.outcome === 'accepted') return false;
    return result.retryable || (this.#options.retryAmbiguous && isAmbiguousFailure(result));
  }

  #build(target: BulkTarget): { request: SendRequest } | { missing: string[] } {
    if (this.#plain) return { request: { ...this.#request, target: target.target } as SendRequest };
    const vars: DeviceVars = {
      target: target.target,
      ...(target.deviceId ? { id: target.deviceId } : {}),
      ...target.vars,
    };
    const payload = substitute(this.#request.payload, vars);
    if (payload.missing.length) return { missing: payload.missing };
    let options = this.#request.options as Record<string, unknown>;
    if (Object.values(options).some((value) => typeof value === 'string' && value.includes('{{'))) {
      const swapped: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(options)) {
        if (typeof value !== 'string') swapped[key] = value;
        else {
          const out = substitute(value, vars);
          if (out.missing.length) return { missing: out.missing };
          swapped[key] = out.text;
        }
      }
      options = swapped;
    }
    return { request: { ...this.#request, target: target.target, payload: payload.text, options } as SendRequest };
  }

  #final(index: number, attempts: number, result: SendResult, request: SendRequest | null = null): void {
    this.#items.set(index, result, attempts, this.#retryable(result));
    this.#counts.done++;
    this.#counts[result.outcome]++;
    this.#events.emit('send.completed', { request, result });
    this.#events.emit('send.result', result, { quiet: true });
    if (this.#options.onFinal) this.#options.onFinal(this.#items.item(index, this.#targets[index]!), result);
    const now = performance.now();
    if (now - this.#lastProgress > 250) {
      this.#lastProgress = now;
      this.#events.emit('send.progress', this.progress());
    }
  }

  #synthetic(index: number, reason: string, explanation: string): SendResult {
    return {
      id: randomUUID(),
      provider: this.#request.provider,
      target: this.#targets[index]!.target,
      outcome: 'failed',
      status: null,
      reason,
      explanation,
      hint: null,
      messageIds: {},
      retryable: false,
      deviceStateChange: null,
      exchangeIds: [],
      durationMs: 0,
      startedAt: new Date().toISOString(),
    };
  }
}
