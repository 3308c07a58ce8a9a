import { providerSchema, type Provider } from '../domain/exchange';
import { statusClassOf, type ExchangeSummary, type StatusClass } from './summary';

/**
 * The exchange search box's language: words and "quoted phrases" that must all appear somewhere
 * in the exchange (id, target, URL, reason, any header, either body), and field filters. Several
 * values of one field are alternatives (`status:400 status:410`); different fields all apply.
 */
export interface ExchangeQuery {
  /** Lower-cased words and phrases, each required. */
  terms: string[];
  /** Exact codes, or classes such as `4xx`. */
  statuses: Array<number | StatusClass>;
  /** Lower-cased exact reasons. */
  reasons: string[];
  /** Lower-cased header name, and the text its value must contain (null: the header is present). */
  headers: Array<{ name: string; value: string | null }>;
  providers: Provider[];
  purposes: Array<ExchangeSummary['purpose']>;
  methods: string[];
}

export interface QueryParse {
  query: ExchangeQuery;
  /** Sentences for people, one per field filter that could not be read; those filters are left out. */
  errors: string[];
}

const PURPOSES = ['send', 'auth', 'other'] as const;
const CLASSES: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];

/** The help shown under the search box; each line is one form the parser reads. */
export const QUERY_HELP: ReadonlyArray<readonly [string, string]> = [
  ['words or "a phrase"', 'anywhere: id, target, URL, reason, any header (apns-id, X-WNS-Msg-ID, TrackingId…), bodies'],
  ['status:410  status:4xx', 'HTTP status, or a class; status:none for no response'],
  ['reason:BadDeviceToken', 'the provider reason, exactly'],
  ['header:apns-id=…  header:TrackingId', 'a header whose value contains the text, or that is present'],
  [`provider:${providerSchema.options.join('|')}`, 'one provider'],
  ['purpose:auth  purpose:send', 'token fetches, or sends'],
  ['method:POST', 'the HTTP method'],
];

/** Splits on spaces outside double quotes; a quoted part loses its quotes (`header:x="a b"` too). */
function tokens(input: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (const char of input) {
    if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(char)) {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) out.push(current);
  return out;
}

function emptyQuery(): ExchangeQuery {
  return { terms: [], statuses: [], reasons: [], headers: [], providers: [], purposes: [], methods: [] };
}

/** Reads one `field:value`; returns an error sentence, or null when it was taken. */
function readField(query: ExchangeQuery, field: string, value: string): string | null {
  switch (field) {
    case 'status': {
      const lower = value.toLowerCase();
      if (lower === 'none') query.statuses.push('error');
      else if ((CLASSES as readonly string[]).includes(lower)) query.statuses.push(lower as StatusClass);
      else if (/^\d{3}$/.test(value)) query.statuses.push(Number(value));
      else return `status: takes a code such as 410, a class such as 4xx, or none (not "${value}").`;
      return null;
    }
    case 'reason':
      if (!value) return 'reason: needs a reason, such as reason:BadDeviceToken.';
      query.reasons.push(value.toLowerCase());
      return null;
    case 'header': {
      const eq = value.indexOf('=');
      const name = (eq < 0 ? value : value.slice(0, eq)).trim().toLowerCase();
      if (!name) return 'header: needs a name, such as header:apns-id=… or header:TrackingId.';
      query.headers.push({ name, value: eq < 0 ? null : value.slice(eq + 1).toLowerCase() });
      return null;
    }
    case 'provider': {
      const parsed = providerSchema.safeParse(value.toLowerCase());
      if (!parsed.success) return `provider: is one of ${providerSchema.options.join(', ')} (not "${value}").`;
      query.providers.push(parsed.data);
      return null;
    }
    case 'purpose': {
      const lower = value.toLowerCase() as ExchangeSummary['purpose'];
      if (!PURPOSES.includes(lower)) return `purpose: is one of ${PURPOSES.join(', ')} (not "${value}").`;
      query.purposes.push(lower);
      return null;
    }
    case 'method':
      if (!value) return 'method: needs a method, such as method:POST.';
      query.methods.push(value.toUpperCase());
      return null;
    default:
      return null;
  }
}

const FIELDS = new Set(['status', 'reason', 'header', 'provider', 'purpose', 'method']);

/**
 * Parses the search box. Only the fields above are filters: any other `a:b` is text, since ids
 * hold colons (an FCM name `projects/p/messages/0:17…`, a `:path` header).
 */
export function parseExchangeQuery(input: string): QueryParse {
  const query = emptyQuery();
  const errors: string[] = [];
  for (const token of tokens(input)) {
    const colon = token.indexOf(':');
    const field = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    if (FIELDS.has(field)) {
      const error = readField(query, field, token.slice(colon + 1));
      if (error) errors.push(error);
    } else if (token.length > 0) query.terms.push(token.toLowerCase());
  }
  return { query, errors };
}

export function isEmptyQuery(query: ExchangeQuery): boolean {
  return Object.values(query).every((list: unknown[]) => list.length === 0);
}

/** Whether the query reads anything beyond the summary (headers or bodies), so main must answer it. */
export function needsFullText(query: ExchangeQuery): boolean {
  return query.terms.length > 0 || query.headers.length > 0;
}

/** What the matcher reads of an exchange beyond its summary; lower-cased text throughout. */
export interface ExchangeText {
  /** Whether any header (as `name: value`) or body contains the text. */
  contains(text: string): boolean;
  /** Whether a header of this name has a value containing `value` (any value when null). */
  hasHeader(name: string, value: string | null): boolean;
}

/** The summary-level filters of a query, for a row. */
export function summaryMatches(query: ExchangeQuery, row: ExchangeSummary): boolean {
  if (query.providers.length > 0 && (row.provider === null || !query.providers.includes(row.provider))) return false;
  if (query.purposes.length > 0 && !query.purposes.includes(row.purpose)) return false;
  if (query.methods.length > 0 && !query.methods.includes(row.method.toUpperCase())) return false;
  if (query.reasons.length > 0 && (row.reason === null || !query.reasons.includes(row.reason.toLowerCase())))
    return false;
  if (query.statuses.length > 0) {
    const cls = statusClassOf(row.status);
    if (!query.statuses.some((s) => (typeof s === 'number' ? s === row.status : s === cls))) return false;
  }
  return true;
}

/**
 * The whole query against exchanges: each summary, and its headers and bodies through `text`. A
 * term is looked for in the summary's id, target, method, URL, status and reason with one
 * case-insensitive expression per term, which reads the row's own strings: lower-casing them per
 * row took most of a 50,000-row search.
 */
export function exchangeQueryMatcher(query: ExchangeQuery): (row: ExchangeSummary, text: ExchangeText) => boolean {
  const terms = query.terms.map((term) => ({ term, pattern: new RegExp(escapeRegExp(term), 'i') }));
  const inRow = (pattern: RegExp, row: ExchangeSummary) =>
    pattern.test(row.id) ||
    (row.target !== null && pattern.test(row.target)) ||
    pattern.test(row.url) ||
    pattern.test(row.method) ||
    (row.status !== null && pattern.test(String(row.status))) ||
    (row.reason !== null && pattern.test(row.reason));
  return (row, text) => {
    if (!summaryMatches(query, row)) return false;
    for (const { name, value } of query.headers) if (!text.hasHeader(name, value)) return false;
    for (const { term, pattern } of terms) if (!inRow(pattern, row) && !text.contains(term)) return false;
    return true;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
