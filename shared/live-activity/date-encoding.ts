import { z } from 'zod';

/**
 * How a `Date` in a ContentState or attributes is written in JSON. ActivityKit decodes
 * `content-state` with default JSON decoding (protocols.md §7, from Apple's "Starting and updating
 * Live Activities with ActivityKit push notifications"), and `JSONDecoder`'s default date
 * strategy is `.deferredToDate`: a number of seconds since 2001-01-01 00:00 UTC, not since 1970.
 * The other strategies only apply when the app's own `init(from:)` reads dates that way.
 */
export const DATE_ENCODINGS = ['deferredToDate', 'secondsSince1970', 'millisecondsSince1970', 'iso8601'] as const;
export type DateEncoding = (typeof DATE_ENCODINGS)[number];
export const dateEncodingSchema = z.enum(DATE_ENCODINGS);

/** Seconds between 1970-01-01 and 2001-01-01, Foundation's reference date. */
export const REFERENCE_DATE_UNIX = 978_307_200;

export const DATE_ENCODING_WORDS: Record<DateEncoding, string> = {
  deferredToDate: 'seconds since 2001-01-01 (the default, which ActivityKit uses)',
  secondsSince1970: 'UNIX seconds (only if the app decodes with .secondsSince1970 in its own init(from:))',
  millisecondsSince1970:
    'UNIX milliseconds (only if the app decodes with .millisecondsSince1970 in its own init(from:))',
  iso8601: 'an ISO 8601 string (only if the app decodes with .iso8601 in its own init(from:))',
};

export const DATE_ENCODING_HELP =
  'ActivityKit decodes content-state with default JSON decoding (Apple, "Starting and updating Live Activities with ' +
  'ActivityKit push notifications"), so a Swift Date is a number of seconds since 2001-01-01 (JSONDecoder’s ' +
  '.deferredToDate). A server that encodes with another dateEncodingStrategy (.secondsSince1970, ' +
  '.millisecondsSince1970, .iso8601) only works if the app’s ContentState writes its own init(from:) that reads ' +
  'dates that way.';

/** A date value as UNIX seconds, or null when it is not the strategy's shape. */
export function dateValueToUnix(value: unknown, encoding: DateEncoding): number | null {
  if (encoding === 'iso8601') {
    if (
      typeof value !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
    )
      return null;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms / 1000;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (encoding === 'deferredToDate') return value + REFERENCE_DATE_UNIX;
  if (encoding === 'millisecondsSince1970') return value / 1000;
  return value;
}

export function yearOfUnix(seconds: number): number {
  return new Date(seconds * 1000).getUTCFullYear();
}
