import type { SendResult } from '../../../../shared/domain/send-result';
import {
  exchangeMatcher,
  sendMatcher,
  summarizeExchange,
  type ExchangeSummary,
  type HistoryFilter,
} from '../../../../shared/history/summary';
import { Interner } from './columns';
import { ExchangeIndex } from './exchange-index';
import type { HistoryRecord, RecordLocation } from './records';
import { SendIndex } from './send-index';

/**
 * What the index needs of a record until its line is written: a summary, not the record, so a
 * queued exchange's headers and bodies are garbage as soon as its line is encoded.
 */
export type IndexTag =
  { kind: 'exchange'; summary: ExchangeSummary } | { kind: 'send'; result: SendResult; hasRequest: boolean };

export function tagOf(record: HistoryRecord): IndexTag {
  return record.type === 'exchange'
    ? { kind: 'exchange', summary: summarizeExchange(record.exchange) }
    : { kind: 'send', result: record.result, hasRequest: record.request !== null };
}

/**
 * The history kept in memory: a row per exchange and per send with its summary and where its line
 * is, sharing strings, and each send linked to its exchanges. Full records stay on disk.
 */
export class HistoryIndex {
  readonly #strings = new Interner();
  readonly exchanges = new ExchangeIndex(this.#strings);
  readonly sends = new SendIndex(this.#strings);
  /** Reasons from results whose exchange line has not been indexed yet. */
  readonly #reasonByExchange = new Map<string, string>();
  #n = 0;

  add(tag: IndexTag, location: RecordLocation): void {
    const n = ++this.#n;
    if (tag.kind === 'exchange') {
      const summary = tag.summary;
      const reason = this.#reasonByExchange.get(summary.id);
      if (reason !== undefined) {
        this.#reasonByExchange.delete(summary.id);
        if (summary.purpose === 'send') summary.reason = reason;
      }
      this.exchanges.add(n, summary, location);
      return;
    }
    const { result } = tag;
    const exchangeRows = result.exchangeIds.map((id) => this.exchanges.find(id));
    // A send and its (single) exchange name the same target and exchange id: keep one copy.
    const first = exchangeRows.length === 1 ? exchangeRows[0]! : -1;
    const shared =
      first >= 0 ? { target: this.exchanges.targetAt(first) ?? '', exchangeIds: this.exchanges.idAt(first) } : null;
    this.sends.add(n, result, tag.hasRequest, location, shared);
    if (first >= 0) this.exchanges.shareUrlTail(first, result.target);
    // The result names the reason the provider gave; its sending exchanges' rows show it too. A
    // token fetch on the way has its own answer, so it keeps its own reason.
    if (result.reason) {
      result.exchangeIds.forEach((id, i) => {
        const row = exchangeRows[i]!;
        if (row >= 0) {
          if (this.exchanges.purposeOf(row) === 'send') this.exchanges.setReason(row, result.reason!);
        } else if (this.#reasonByExchange.size < 10_000) this.#reasonByExchange.set(id, result.reason!);
      });
    }
  }

  /** Drops the rows of files rotation removed. */
  forgetFiles(seqs: Set<number>): void {
    this.exchanges.forgetFiles(seqs);
    this.sends.forgetFiles(seqs);
  }

  /** `exchangeMatcher` over rows, through a view so no summary is built per row. */
  exchangeTest({ since, ...rest }: HistoryFilter): (row: number) => boolean {
    const match = exchangeMatcher(rest);
    const view = this.exchanges.view();
    const started = this.exchanges.startedSince(since);
    return (row) => (started === null || started(row)) && ((view.row = row), match(view));
  }

  sendTest({ since, ...rest }: HistoryFilter): (row: number) => boolean {
    const match = sendMatcher(rest);
    const view = this.sends.view();
    const started = this.sends.startedSince(since);
    return (row) => (started === null || started(row)) && ((view.row = row), match(view));
  }
}
