import type { Provider } from '../../../../shared/domain/exchange';
import type { SendResult } from '../../../../shared/domain/send-result';
import type { SendMatchRow } from '../../../../shared/history/summary';
import { Codes, type Interner, resized } from './columns';
import { moved, RecordTable } from './record-table';
import type { RecordLocation } from './records';

const HAS_REQUEST = 1;

/**
 * Send results, kept only as what `sendMatcher` reads; a page of full results is read back from
 * disk by location. Message ids and exchange ids are kept as the one string the text filter
 * searches, and strings the send shares with its exchange (target, exchange id) are one copy.
 */
export class SendIndex extends RecordTable {
  readonly #strings: Interner;
  readonly #providers = new Codes<Provider>();
  readonly #outcomes = new Codes<SendResult['outcome']>();
  #provider = new Uint8Array(0);
  #outcome = new Uint8Array(0);
  #flags = new Uint8Array(0);
  #status = new Float64Array(0);
  #target: string[] = [];
  #reason: Array<string | null> = [];
  #explanation: Array<string | null> = [];
  #messageIds: string[] = [];
  #exchangeIds: string[] = [];

  constructor(strings: Interner) {
    super();
    this.#strings = strings;
  }

  /** `shared` holds the same strings as already kept by the send's exchange row, when there is one. */
  add(
    n: number,
    result: SendResult,
    hasRequest: boolean,
    location: RecordLocation,
    shared: { target: string; exchangeIds: string } | null,
  ): number {
    const row = this.addRow(n, result.id, result.startedAt, location);
    this.#provider[row] = this.#providers.code(result.provider);
    this.#outcome[row] = this.#outcomes.code(result.outcome);
    this.#flags[row] = hasRequest ? HAS_REQUEST : 0;
    this.#status[row] = result.status ?? Number.NaN;
    this.#target[row] = shared?.target === result.target ? shared.target : result.target;
    this.#reason[row] = this.#strings.intern(result.reason);
    this.#explanation[row] = this.#strings.intern(result.explanation);
    this.#messageIds[row] = Object.values(result.messageIds).join(' ');
    const exchangeIds = result.exchangeIds.join(' ');
    this.#exchangeIds[row] = shared?.exchangeIds === exchangeIds ? shared.exchangeIds : exchangeIds;
    return row;
  }

  hasRequestAt(row: number): boolean {
    return (this.#flags[row]! & HAS_REQUEST) !== 0;
  }

  providerOf(row: number): Provider {
    return this.#providers.value(this.#provider[row]!);
  }

  outcomeOf(row: number): SendResult['outcome'] {
    return this.#outcomes.value(this.#outcome[row]!);
  }

  statusOf(row: number): number | null {
    const status = this.#status[row]!;
    return Number.isNaN(status) ? null : status;
  }

  targetOf(row: number): string {
    return this.#target[row]!;
  }

  reasonOf(row: number): string | null {
    return this.#reason[row]!;
  }

  explanationOf(row: number): string | null {
    return this.#explanation[row]!;
  }

  /** The message ids' values joined by spaces, as the text filter reads them. */
  messageIdTextOf(row: number): string {
    return this.#messageIds[row]!;
  }

  exchangeIdTextOf(row: number): string {
    return this.#exchangeIds[row]!;
  }

  view(): SendRowView {
    return new SendRowView(this);
  }

  protected resizeColumns(capacity: number, used: number, drop: number): void {
    this.#provider = resized(this.#provider, capacity, used, drop);
    this.#outcome = resized(this.#outcome, capacity, used, drop);
    this.#flags = resized(this.#flags, capacity, used, drop);
    this.#status = resized(this.#status, capacity, used, drop);
    this.#target = moved(this.#target, capacity, used, drop);
    this.#reason = moved(this.#reason, capacity, used, drop);
    this.#explanation = moved(this.#explanation, capacity, used, drop);
    this.#messageIds = moved(this.#messageIds, capacity, used, drop);
    this.#exchangeIds = moved(this.#exchangeIds, capacity, used, drop);
  }
}

/**
 * The fields `sendMatcher` reads, from the row it points at. Message ids and exchange ids come
 * back as one value holding the joined text, which joins to the same string the matcher searches.
 */
export class SendRowView implements SendMatchRow {
  row = 0;
  readonly #index: SendIndex;

  constructor(index: SendIndex) {
    this.#index = index;
  }

  get id(): string {
    return this.#index.idAt(this.row);
  }
  get provider(): Provider {
    return this.#index.providerOf(this.row);
  }
  get target(): string {
    return this.#index.targetOf(this.row);
  }
  get outcome(): SendResult['outcome'] {
    return this.#index.outcomeOf(this.row);
  }
  get status(): number | null {
    return this.#index.statusOf(this.row);
  }
  get reason(): string | null {
    return this.#index.reasonOf(this.row);
  }
  get explanation(): string | null {
    return this.#index.explanationOf(this.row);
  }
  get startedAt(): string {
    return this.#index.startedAtOf(this.row);
  }
  get messageIds(): Record<string, string> {
    return { joined: this.#index.messageIdTextOf(this.row) };
  }
  get exchangeIds(): string[] {
    return [this.#index.exchangeIdTextOf(this.row)];
  }
}
