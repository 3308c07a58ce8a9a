import type { SchemaNode } from './contract-schema';
import {
  DATE_ENCODING_WORDS,
  dateValueToUnix,
  REFERENCE_DATE_UNIX,
  yearOfUnix,
  type DateEncoding,
} from './date-encoding';

/** One key that does not fit the contract: its path below the checked root, and why in words. */
export interface ContractFinding {
  severity: 'error' | 'warning';
  /** Keys and indexes from the root, e.g. `['rows', 0, 'status']`. */
  path: Array<string | number>;
  message: string;
}

export interface ContractCheckOptions {
  dateEncoding: DateEncoding;
  /** Current time in ms, for telling plausible dates from wrongly encoded ones. */
  now: number;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
const YEARS = 365.25 * 86_400;

/**
 * Checks a decoded JSON value against the shape Swift's synthesized Decodable reads, key by key,
 * as `JSONDecoder` would fail on it (`keyNotFound`, `typeMismatch`, `valueNotFound`,
 * `dataCorrupted`), with the path and the Swift type in every message.
 */
export function checkAgainstContract(
  value: unknown,
  schema: SchemaNode,
  root: string,
  options: ContractCheckOptions,
): ContractFinding[] {
  const findings: ContractFinding[] = [];
  new Checker(findings, options).check(value, schema, [], root, false);
  return findings;
}

export function describePath(root: string, path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${part}`), root);
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  return `a ${typeof value}`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

class Checker {
  readonly #findings: ContractFinding[];
  readonly #options: ContractCheckOptions;
  #root = '';

  constructor(findings: ContractFinding[], options: ContractCheckOptions) {
    this.#findings = findings;
    this.#options = options;
  }

  #add(path: Array<string | number>, message: string, custom: boolean, severity: 'error' | 'warning' = 'error'): void {
    const where = describePath(this.#root, path);
    // A type with its own init(from:) may read this on purpose; say so instead of refusing.
    const text = custom
      ? `${where}: ${message} (unless the type's own init(from:) reads it that way)`
      : `${where}: ${message}`;
    this.#findings.push({ severity: custom ? 'warning' : severity, path, message: text });
  }

  check(value: unknown, schema: SchemaNode, path: Array<string | number>, root: string, custom: boolean): void {
    this.#root = root;
    const swift = schema['x-swift'] ?? 'this value';
    const inCustom = custom || schema['x-custom-decoder'] === true;
    if (value === null) {
      if (!schema.nullable && (schema.type || schema.format))
        this.#add(
          path,
          `${swift} is not optional, so null cannot be decoded; send a value or make it ${swift}? in Swift`,
          custom,
        );
      return;
    }
    if (schema.format === 'swift-date') return this.#date(value, swift.replace(/\?$/, ''), path, custom);
    if (schema.enum) return this.#enum(value, schema, swift, path, custom);
    switch (schema.type) {
      case 'integer':
        return this.#integer(value, schema, swift, path, custom);
      case 'number':
        if (typeof value !== 'number') this.#add(path, `${swift} is a JSON number; got ${jsonKind(value)}`, custom);
        return;
      case 'boolean':
        if (typeof value !== 'boolean')
          this.#add(path, `${swift} is true or false; got ${jsonKind(value)} ${shown(value)}`, custom);
        return;
      case 'string':
        return this.#string(value, schema, swift, path, custom);
      case 'array':
        return this.#array(value, schema, swift, path, inCustom);
      case 'object':
        return this.#object(value, schema, swift, path, inCustom);
      default:
        // A type the contract does not describe: anything goes.
        return;
    }
  }

  #date(value: unknown, swift: string, path: Array<string | number>, custom: boolean): void {
    const encoding = this.#options.dateEncoding;
    const unix = dateValueToUnix(value, encoding);
    if (unix === null) {
      const wanted = encoding === 'iso8601' ? 'an ISO 8601 string' : 'a number';
      const how = encoding === 'deferredToDate' ? 'by default' : `with the ${encoding} strategy`;
      let hint = '';
      if (encoding === 'deferredToDate' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
        const seconds = Math.round(Date.parse(value) / 1000 - REFERENCE_DATE_UNIX);
        hint = `; ${shown(value)} would be ${seconds} (seconds since 2001-01-01)`;
      }
      this.#add(path, `${swift} is encoded as ${wanted} ${how}; got ${jsonKind(value)}${hint}`, custom);
      return;
    }
    if (typeof value !== 'number') return;
    const nowSeconds = this.#options.now / 1000;
    const plausible = (seconds: number) => Math.abs(seconds - nowSeconds) < 30 * YEARS;
    if (plausible(unix)) return;
    const year = yearOfUnix(unix);
    if (encoding === 'deferredToDate' && plausible(value)) {
      this.#add(
        path,
        `${value} read as seconds since 2001-01-01 is the year ${year}; it looks like UNIX seconds. ` +
          `Send ${Math.round(value - REFERENCE_DATE_UNIX)} (978,307,200 less), since ${DATE_ENCODING_WORDS.deferredToDate}`,
        custom,
        'warning',
      );
    } else if (encoding !== 'millisecondsSince1970' && plausible(value / 1000)) {
      this.#add(
        path,
        `${value} looks like milliseconds; ${swift} here is ${DATE_ENCODING_WORDS[encoding]}`,
        custom,
        'warning',
      );
    } else if (encoding === 'millisecondsSince1970' && plausible(value)) {
      this.#add(
        path,
        `${value} looks like seconds; the contract says ${DATE_ENCODING_WORDS[encoding]}`,
        custom,
        'warning',
      );
    } else {
      this.#add(path, `${value} is the year ${year} as ${DATE_ENCODING_WORDS[encoding]}`, custom, 'warning');
    }
  }

  #enum(value: unknown, schema: SchemaNode, swift: string, path: Array<string | number>, custom: boolean): void {
    const values = schema.enum ?? [];
    if (values.includes(value as string | number)) return;
    const list = values.map((v) => shown(v)).join(', ');
    this.#add(path, `${swift} is one of ${list}; got ${shown(value)}`, custom);
  }

  #integer(value: unknown, schema: SchemaNode, swift: string, path: Array<string | number>, custom: boolean): void {
    if (typeof value !== 'number') {
      const quoted =
        typeof value === 'string' && /^-?\d+$/.test(value) ? ` ${shown(value)}; send it without quotes` : '';
      this.#add(path, `${swift} is a JSON number; got ${jsonKind(value)}${quoted}`, custom);
    } else if (!Number.isInteger(value)) {
      this.#add(path, `${swift} needs a whole number; got ${value}`, custom);
    } else if (
      (schema.minimum !== undefined && value < schema.minimum) ||
      (schema.maximum !== undefined && value > schema.maximum)
    ) {
      this.#add(path, `${swift} holds ${schema.minimum} to ${schema.maximum}; got ${value}`, custom);
    }
  }

  #string(value: unknown, schema: SchemaNode, swift: string, path: Array<string | number>, custom: boolean): void {
    if (typeof value !== 'string') {
      this.#add(path, `${swift} is a JSON string; got ${jsonKind(value)} ${shown(value)}`, custom);
      return;
    }
    if (schema.format === 'uuid' && !UUID_PATTERN.test(value))
      this.#add(
        path,
        `${swift} must be a UUID like "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"; got ${shown(value)}`,
        custom,
      );
    if (schema.format === 'base64' && (value.length % 4 !== 0 || !BASE64_PATTERN.test(value)))
      this.#add(path, `${swift} (Data) is base64 text by default; ${shown(value)} is not`, custom);
    if (schema.format === 'uri' && (value === '' || /\s/.test(value)))
      this.#add(path, `${swift} must be a URL without spaces; got ${shown(value)}`, custom);
  }

  #array(value: unknown, schema: SchemaNode, swift: string, path: Array<string | number>, custom: boolean): void {
    if (!Array.isArray(value)) {
      this.#add(path, `${swift} is a JSON array; got ${jsonKind(value)}`, custom);
      return;
    }
    if (schema.prefixItems) {
      const [lower, upper] = schema.prefixItems;
      if (value.length !== 2) {
        this.#add(path, `${swift} is encoded as [lower, upper]; got ${value.length} elements`, custom);
        return;
      }
      this.check(value[0], lower!, [...path, 0], this.#root, custom);
      this.check(value[1], upper!, [...path, 1], this.#root, custom);
      if (typeof value[0] === 'number' && typeof value[1] === 'number' && value[0] > value[1])
        this.#add(path, `${swift} needs lower ≤ upper; got [${value[0]}, ${value[1]}]`, custom);
      return;
    }
    if (schema.items) value.forEach((item, i) => this.check(item, schema.items!, [...path, i], this.#root, custom));
  }

  #object(value: unknown, schema: SchemaNode, swift: string, path: Array<string | number>, custom: boolean): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const cases = schema['x-cases'];
      const example = cases?.length ? ` like {${JSON.stringify(cases[0])}: {}}` : '';
      this.#add(path, `${swift} is encoded as a JSON object${example}; got ${jsonKind(value)} ${shown(value)}`, custom);
      return;
    }
    const record = value as Record<string, unknown>;
    if (schema['x-cases']) return this.#keyedEnum(record, schema['x-cases'], swift, path, custom);
    if (typeof schema.additionalProperties === 'object') {
      for (const [key, item] of Object.entries(record))
        this.check(item, schema.additionalProperties, [...path, key], this.#root, custom);
    }
    if (!schema.properties) return;
    const declared = Object.keys(schema.properties);
    for (const key of schema.required ?? []) {
      if (key in record) continue;
      const type = schema.properties[key]?.['x-swift'] ?? 'a value';
      this.#add(
        [...path, key],
        `missing; ${swift} needs it (${type}), and without it the whole value fails to decode${suggestion(key, Object.keys(record))}`,
        custom,
      );
    }
    for (const [key, item] of Object.entries(record)) {
      const child = schema.properties[key];
      if (child) this.check(item, child, [...path, key], this.#root, custom);
      else
        this.#add(
          [...path, key],
          `not a key of ${swift}; the decoder ignores it${suggestion(key, declared)}`,
          custom,
          'warning',
        );
    }
  }

  #keyedEnum(
    record: Record<string, unknown>,
    cases: string[],
    swift: string,
    path: Array<string | number>,
    custom: boolean,
  ): void {
    const keys = Object.keys(record);
    if (keys.length !== 1 || !cases.includes(keys[0]!))
      this.#add(
        path,
        `${swift} (an enum without raw values) is one key of ${cases.map((c) => `"${c}"`).join(', ')} with {} as its value`,
        custom,
      );
  }
}

/** ` (did you mean "etaDate"?)` when a key differs from a declared one only in case or underscores. */
function suggestion(key: string, candidates: string[]): string {
  const fold = (text: string) => text.toLowerCase().replace(/[_-]/g, '');
  const match = candidates.find((c) => c !== key && fold(c) === fold(key));
  return match ? ` (did you mean "${match}"?)` : '';
}
