import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { exchangeSchema, type Exchange } from '../../../../shared/domain/exchange';
import { sendRequestSchema, type SendRequest } from '../../../../shared/domain/send-request';
import { sendResultSchema } from '../../../../shared/domain/send-result';
import { applyPatch, type ExchangePatch } from './exchange-patch';

/**
 * One NDJSON line each. The send's request is kept with its result (it names a credential id,
 * never secret material) so a past send can be sent again or opened in the composer.
 */
export const historyRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exchange'), exchange: exchangeSchema }),
  z.object({ type: z.literal('send'), result: sendResultSchema, request: sendRequestSchema.nullable() }),
]);
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

/**
 * A bulk send's exchanges are written as patches on a template exchange, which is written once
 * per file before the first patch on it, so every file reads on its own (rotation drops whole
 * files). A template is not a record: it is not listed, only read to rebuild its patches.
 */
const templateLineSchema = z.object({ type: z.literal('template'), id: z.string(), exchange: exchangeSchema });
const patchLineSchema = z.object({
  type: z.literal('exchange-patch'),
  template: z.string(),
  set: z.record(z.string(), z.unknown()).optional(),
  items: z.record(z.string(), z.array(z.unknown())).optional(),
  unset: z.array(z.string()).optional(),
});

/** A template exchange and its line. */
export interface Template {
  id: string;
  exchange: Exchange;
  json: string;
}

/** The templates a file holds, by id, as its lines are read in order. */
export type FileTemplates = Map<string, Exchange>;

/** What `decodeLine` gives for a template line: no record, but not damage either. */
export const TEMPLATE_LINE = 'template';

/** Where a record's line sits on disk, so full records are read back only when asked for. */
export interface RecordLocation {
  file: number;
  offset: number;
  length: number;
}

// Per-process markers where a spliced part goes: no JSON a user could type contains them.
const TLS_MARKER = `tls-${randomUUID()}`;
const QUOTED_MARKER = `"${TLS_MARKER}"`;
const TARGET_MARKER = `target-${randomUUID()}`;

interface LastRequest {
  request: Record<string, unknown>;
  keys: number;
  before: string;
  after: string;
}

/** True when `request` has as many keys as the last one, each with the identical value but `target`. */
function sameButTarget(request: Record<string, unknown>, last: LastRequest) {
  let count = 0;
  for (const key in request) {
    if (key !== 'target' && request[key] !== last.request[key]) return false;
    count++;
  }
  return count === last.keys;
}

/**
 * Turns records into NDJSON lines for one history store, remembering what repeats in a bulk send
 * so it is serialised once: a connection's TLS details (one object shared by all its exchanges, a
 * third of a bulk exchange's line) and the request, which differs from the last only in its target.
 */
export class RecordEncoder {
  readonly #tlsJson = new WeakMap<object, string>();
  #lastRequest: LastRequest | null = null;

  /** The record's line without the newline, whole or in parts to write one after another. */
  json(record: HistoryRecord): string | string[] {
    if (record.type === 'send') {
      if (record.request === null || !('target' in record.request)) return JSON.stringify(record);
      return [
        '{"type":"send","result":',
        JSON.stringify(record.result),
        ',"request":',
        ...this.#requestParts(record.request),
        '}',
      ];
    }
    if (record.exchange.tls === null) return JSON.stringify(record);
    const tls = record.exchange.tls;
    let tlsText = this.#tlsJson.get(tls);
    if (tlsText === undefined) {
      tlsText = JSON.stringify(tls);
      this.#tlsJson.set(tls, tlsText);
    }
    const json = JSON.stringify({ type: 'exchange', exchange: { ...record.exchange, tls: TLS_MARKER } });
    const at = json.indexOf(QUOTED_MARKER);
    return [json.slice(0, at), tlsText, json.slice(at + QUOTED_MARKER.length)];
  }

  #requestParts(request: SendRequest): string[] {
    const plain = request as unknown as Record<string, unknown>;
    let last = this.#lastRequest;
    if (last === null || !sameButTarget(plain, last)) {
      const json = JSON.stringify({ ...request, target: TARGET_MARKER });
      const at = json.indexOf(`"${TARGET_MARKER}"`);
      const keys = Object.keys(plain).length;
      last = { request: plain, keys, before: json.slice(0, at), after: json.slice(at + TARGET_MARKER.length + 2) };
      this.#lastRequest = last;
    }
    return [last.before, JSON.stringify(request.target), last.after];
  }
}

export function templateJson(id: string, exchange: Exchange): string {
  return JSON.stringify({ type: 'template', id, exchange });
}

export function patchJson(template: string, patch: ExchangePatch): string {
  // One literal shape (absent parts are undefined, which JSON leaves out) rather than a spread.
  return JSON.stringify({ type: 'exchange-patch', template, set: patch.set, items: patch.items, unset: patch.unset });
}

/**
 * One line back as a record. A template line is added to `templates` (lines are read in file
 * order); a patch line is rebuilt on its template. A line that does not parse or validate, or a
 * patch whose template is not known, is skipped (a torn write, or a newer format).
 */
export function decodeLine(line: string, templates: FileTemplates): HistoryRecord | typeof TEMPLATE_LINE | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (type === 'exchange-patch') {
    const patch = patchLineSchema.safeParse(value);
    const template = patch.success ? templates.get(patch.data.template) : undefined;
    const exchange = template && applyPatch(template, patch.data!);
    if (!exchange) return null;
    value = { type: 'exchange', exchange };
  } else if (type === 'template') {
    const parsed = templateLineSchema.safeParse(value);
    if (!parsed.success) return null;
    templates.set(parsed.data.id, parsed.data.exchange);
    return TEMPLATE_LINE;
  }
  const parsed = historyRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
