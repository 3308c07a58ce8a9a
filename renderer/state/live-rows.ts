import type { ExchangeSummary } from '../../shared/history/summary';

/**
 * Exchange rows and result reasons as they arrive from main, merged into the list a batch at a
 * time (the 50k-row filter then runs a few times a second, not once per row). Rows come in
 * batches too, so a send's result can overtake its exchange's row: its reason waits one more
 * batch for the row, then is dropped (the exchange was not recorded).
 */
export class LiveRows {
  #incoming: ExchangeSummary[] = [];
  readonly #reasons = new Map<string, { reason: string; waited: boolean }>();

  constructor(private readonly max: number) {}

  /** New rows, oldest first. */
  add(rows: readonly ExchangeSummary[]): void {
    for (const row of rows) this.#incoming.push(row);
  }

  /** A provider's reason for these exchanges (WNS and NH give it in headers, not the body). */
  reason(exchangeIds: readonly string[], reason: string): void {
    for (const id of exchangeIds) this.#reasons.set(id, { reason, waited: false });
  }

  /** The list with what arrived merged in, newest first; `waiting` says to merge again later. */
  merge(rows: ExchangeSummary[]): { rows: ExchangeSummary[]; waiting: boolean } {
    let next = this.#incoming.length > 0 ? [...this.#incoming.reverse(), ...rows] : rows;
    this.#incoming = [];
    if (next.length > this.max) next = next.slice(0, this.max);
    const reasons = this.#reasons;
    if (reasons.size > 0) {
      next = next.map((row) => {
        const waiting = reasons.get(row.id);
        if (waiting === undefined) return row;
        reasons.delete(row.id);
        // A token fetch on the way to the send has its own answer; the send's reason is not its.
        return row.purpose === 'send' ? { ...row, reason: waiting.reason } : row;
      });
      for (const [id, waiting] of reasons) {
        if (waiting.waited) reasons.delete(id);
        else waiting.waited = true;
      }
    }
    return { rows: next, waiting: reasons.size > 0 };
  }
}
