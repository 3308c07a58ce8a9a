import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../../../shared/domain/exchange';
import { diffExchange } from './exchange-patch';
import { patchJson, templateJson, type RecordEncoder, type Template } from './records';

interface Stream {
  template: Template | null;
  /** The last exchange written whole: the next template if the one after it is like it. */
  last: Exchange | null;
}

const MAX_STREAMS = 64;

/**
 * Chooses how each exchange is written. Exchanges of one kind (provider, purpose, method) form a
 * stream; once two in a row are alike, the first becomes the stream's template and the rest are
 * written as patches on it, about a third of the size. An exchange unlike the template is written
 * whole, and may start the next template.
 */
export class ExchangeTemplates {
  readonly #streams = new Map<string, Stream>();

  constructor(readonly records: RecordEncoder) {}

  /** The exchange's line, and the template the writer must put before it in the file, if any. */
  encode(exchange: Exchange): { json: string | string[]; template: Template | null } {
    const kind = `${exchange.provider ?? ''} ${exchange.purpose} ${exchange.method}`;
    let stream = this.#streams.get(kind);
    if (stream === undefined) {
      if (this.#streams.size >= MAX_STREAMS) this.#streams.clear();
      stream = { template: null, last: null };
      this.#streams.set(kind, stream);
    }
    if (stream.template !== null) {
      const patch = diffExchange(exchange, stream.template.exchange);
      if (patch !== null) return { json: patchJson(stream.template.id, patch), template: stream.template };
    }
    if (stream.last !== null) {
      const patch = diffExchange(exchange, stream.last);
      if (patch !== null) {
        const id = randomUUID();
        stream.template = { id, exchange: stream.last, json: templateJson(id, stream.last) };
        stream.last = null;
        return { json: patchJson(id, patch), template: stream.template };
      }
    }
    stream.last = exchange;
    return { json: this.records.json({ type: 'exchange', exchange }), template: null };
  }
}
