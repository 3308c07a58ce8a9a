import { z } from 'zod';
import { providerSchema, type Exchange } from '../domain/exchange';
import type { SendResult } from '../domain/send-result';

/** What a list row needs: small enough that 50,000 of them fit in a renderer comfortably. */
export const exchangeSummarySchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  provider: providerSchema.nullable(),
  purpose: z.enum(['send', 'auth', 'other']),
  target: z.string().nullable(),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  reason: z.string().nullable(),
  durationMs: z.number(),
});
export type ExchangeSummary = z.infer<typeof exchangeSummarySchema>;

export const statusClassSchema = z.enum(['2xx', '3xx', '4xx', '5xx', 'error']);
export type StatusClass = z.infer<typeof statusClassSchema>;

export const historyFilterSchema = z.object({
  provider: z.array(providerSchema).optional(),
  statusClass: z.array(statusClassSchema).optional(),
  /** Exact provider reason, e.g. `BadDeviceToken`; case-insensitive. */
  reason: z.string().optional(),
  /** Free text matched against id, target, url, reason and method. */
  text: z.string().optional(),
  /** ISO time; only records that started at or after it. */
  since: z.string().optional(),
});
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

export function statusClassOf(status: number | null): StatusClass {
  if (status === null || status < 200) return 'error';
  if (status < 300) return '2xx';
  if (status < 400) return '3xx';
  if (status < 500) return '4xx';
  return '5xx';
}

/**
 * A provider reason from the response body when no SendResult named one: APNs `{"reason"}`,
 * FCM `{"error":{"status"}}`, OAuth `{"error"}`. Transport failures use their error code.
 */
export function reasonFromExchange(exchange: Exchange): string | null {
  if (exchange.error) return exchange.error.code;
  const body = exchange.responseBody;
  if (!body || body.encoding !== 'text' || body.data.length === 0 || body.data.length > 65_536) return null;
  if (exchange.status !== null && exchange.status < 300) return null;
  try {
    const parsed = JSON.parse(body.data) as Record<string, unknown>;
    if (typeof parsed.reason === 'string') return parsed.reason;
    const error = parsed.error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object') {
      const status = (error as Record<string, unknown>).status;
      if (typeof status === 'string') return status;
    }
  } catch {
    // Not JSON (WNS and NH answer with headers or XML); the SendResult will name the reason.
  }
  return null;
}

export function summarizeExchange(exchange: Exchange, reason?: string | null): ExchangeSummary {
  return {
    id: exchange.id,
    startedAt: exchange.startedAt,
    provider: exchange.provider ?? null,
    purpose: exchange.purpose,
    target: exchange.target ?? null,
    method: exchange.method,
    url: exchange.url,
    status: exchange.status,
    reason: reason ?? reasonFromExchange(exchange),
    durationMs: exchange.timings.total,
  };
}

/** Precomputed, lower-cased filter so a 50k-row pass does no per-row setup. */
interface CompiledFilter {
  providers: Set<string> | null;
  classes: Set<StatusClass> | null;
  reason: string | null;
  text: string | null;
  since: string | null;
}

function compile(filter: HistoryFilter): CompiledFilter {
  return {
    providers: filter.provider?.length ? new Set(filter.provider) : null,
    classes: filter.statusClass?.length ? new Set(filter.statusClass) : null,
    reason: filter.reason?.trim() ? filter.reason.trim().toLowerCase() : null,
    text: filter.text?.trim() ? filter.text.trim().toLowerCase() : null,
    since: filter.since ?? null,
  };
}

export function isEmptyFilter(filter: HistoryFilter): boolean {
  const c = compile(filter);
  return !c.providers && !c.classes && !c.reason && !c.text && !c.since;
}

export function exchangeMatcher(filter: HistoryFilter): (row: ExchangeSummary) => boolean {
  const c = compile(filter);
  return (row) => {
    if (c.providers && (row.provider === null || !c.providers.has(row.provider))) return false;
    if (c.classes && !c.classes.has(statusClassOf(row.status))) return false;
    if (c.reason && (row.reason === null || row.reason.toLowerCase() !== c.reason)) return false;
    if (c.since && row.startedAt < c.since) return false;
    if (c.text) {
      const hay = `${row.id} ${row.target ?? ''} ${row.url} ${row.reason ?? ''} ${row.method} ${row.status ?? ''}`;
      if (!hay.toLowerCase().includes(c.text)) return false;
    }
    return true;
  };
}

/** The fields of a SendResult that `sendMatcher` reads (the history index keeps only these). */
export type SendMatchRow = Pick<
  SendResult,
  | 'id'
  | 'provider'
  | 'target'
  | 'outcome'
  | 'status'
  | 'reason'
  | 'explanation'
  | 'messageIds'
  | 'exchangeIds'
  | 'startedAt'
>;

export function sendMatcher(filter: HistoryFilter): (row: SendMatchRow) => boolean {
  const c = compile(filter);
  return (row) => {
    if (c.providers && !c.providers.has(row.provider)) return false;
    if (c.classes && !c.classes.has(statusClassOf(row.status))) return false;
    if (c.reason && (row.reason === null || row.reason.toLowerCase() !== c.reason)) return false;
    if (c.since && row.startedAt < c.since) return false;
    if (c.text) {
      const ids = Object.values(row.messageIds).join(' ');
      const hay = `${row.id} ${row.provider} ${row.target} ${row.outcome} ${row.reason ?? ''} ${row.explanation ?? ''} ${ids} ${row.exchangeIds.join(' ')}`;
      if (!hay.toLowerCase().includes(c.text)) return false;
    }
    return true;
  };
}

/** The renderer's list filter: one pass, order kept. */
export function filterExchanges(rows: readonly ExchangeSummary[], filter: HistoryFilter): ExchangeSummary[] {
  if (isEmptyFilter(filter)) return rows.slice();
  const match = exchangeMatcher(filter);
  const out: ExchangeSummary[] = [];
  for (const row of rows) if (match(row)) out.push(row);
  return out;
}
