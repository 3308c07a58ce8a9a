import { deviceInputSchema, type Device, type DeviceInput } from '../domain/device';
import { parseCsv, toCsv } from './csv';
import { deviceKindProblem, targetProblem } from './validate-target';

export interface RowError {
  /** 1-based row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** The column at fault ("target", "label"…), or "row" when it is the row as a whole. */
  field: string;
  /** The reason alone, in words. */
  reason: string;
  /** "Row 3: target: …", for the CLI and a one-line list. */
  message: string;
}

/** A failed import still says which rows were fine, so the caller can offer to import just those. */
export type ImportResult =
  { ok: true; devices: DeviceInput[] } | { ok: false; errors: RowError[]; valid: DeviceInput[] };

const BASE_COLUMNS = ['label', 'provider', 'platform', 'environment', 'target', 'tags', 'notes'] as const;
/** APNs Live Activity columns; exported only when some device has a kind, so older exports stay as they were. */
const KIND_COLUMNS = ['kind', 'attributesType', 'activityId'] as const;
/** The payload's spelling (`attributes-type`) and snake case name the same columns. */
const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  'attributes-type': 'attributesType',
  attributes_type: 'attributesType',
  'activity-id': 'activityId',
  activity_id: 'activityId',
};

/**
 * Reads devices from CSV (header row; `tags` separated by `;`; extra `field:<name>` columns become
 * per-device values) or from JSON (an array, or `{ devices: [...] }`). Every row is checked, its
 * target against its provider's shape too; any bad row fails the import with every row's problem
 * at once, and the valid rows beside them for an explicit "import just those".
 */
export function importDevices(text: string, format: 'csv' | 'json'): ImportResult {
  const rows = format === 'csv' ? csvRows(text) : jsonRows(text);
  if ('error' in rows)
    return { ok: false, errors: [{ row: 0, field: 'file', reason: rows.error, message: rows.error }], valid: [] };
  const devices: DeviceInput[] = [];
  const errors: RowError[] = [];
  rows.items.forEach((item, index) => {
    const rowNumber = format === 'csv' ? index + 2 : index + 1;
    const where = `${format === 'csv' ? 'Row' : 'Item'} ${rowNumber}`;
    const fail = (field: string, reason: string) =>
      errors.push({ row: rowNumber, field, reason, message: `${where}: ${field}: ${reason}` });
    const parsed = deviceInputSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(issue.path.join('.') || 'row', issue.message);
    }
    const kindProblem = deviceKindProblem(parsed.data);
    if (kindProblem) return fail(kindProblem.field, kindProblem.reason);
    const problem = targetProblem(parsed.data.provider, parsed.data.environment, parsed.data.target, parsed.data.kind);
    if (problem) return fail('target', problem);
    devices.push(parsed.data);
  });
  return errors.length ? { ok: false, errors, valid: devices } : { ok: true, devices };
}

export function exportDevicesCsv(devices: readonly Device[]): string {
  const fieldNames = [...new Set(devices.flatMap((d) => Object.keys(d.fields)))].sort();
  const kinds = devices.some((d) => d.kind !== undefined);
  const header = [
    ...BASE_COLUMNS,
    ...(kinds ? KIND_COLUMNS : []),
    'state',
    ...fieldNames.map((name) => `field:${name}`),
  ];
  const rows = devices.map((d) => [
    d.label,
    d.provider,
    d.platform,
    d.environment,
    d.target,
    d.tags.join(';'),
    d.notes,
    ...(kinds ? [d.kind ?? 'token', d.attributesType ?? '', d.activityId ?? ''] : []),
    d.state,
    ...fieldNames.map((name) => d.fields[name] ?? ''),
  ]);
  return toCsv([header, ...rows]);
}

export function exportDevicesJson(devices: readonly Device[]): string {
  return JSON.stringify({ version: 1, devices }, null, 2) + '\n';
}

function csvRows(text: string): { items: Record<string, unknown>[] } | { error: string } {
  const rows = parseCsv(text);
  if (rows.length === 0) return { error: 'The file is empty.' };
  const header = rows[0]!.map((name) => COLUMN_ALIASES[name.trim()] ?? name.trim());
  const missing = ['label', 'provider', 'environment', 'target'].filter((name) => !header.includes(name));
  if (missing.length)
    return { error: `The header row lacks ${missing.join(', ')}. Expected: ${BASE_COLUMNS.join(',')}.` };
  return {
    items: rows.slice(1).map((cells) => {
      const item: Record<string, unknown> = { fields: {} };
      header.forEach((name, i) => {
        const value = cells[i] ?? '';
        if (name.startsWith('field:')) {
          if (value !== '') (item['fields'] as Record<string, string>)[name.slice(6)] = value;
        } else if (name === 'tags') {
          item['tags'] = value
            .split(';')
            .map((tag) => tag.trim())
            .filter(Boolean);
        } else if (name === 'state') {
          // Exported state is informational; an import always starts active.
        } else if (value !== '' || name === 'target' || name === 'label') {
          item[name] = value;
        }
      });
      return item;
    }),
  };
}

function jsonRows(text: string): { items: unknown[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
  const items = Array.isArray(value) ? value : (value as { devices?: unknown })?.devices;
  if (!Array.isArray(items)) return { error: 'Expected an array of devices, or {"devices": [...]}.' };
  return {
    items: items.map((item) => {
      if (!item || typeof item !== 'object') return item;
      // Exports carry ids and state; an import is matched by target instead.
      const {
        id: _id,
        state: _s,
        goneAt: _g,
        goneReason: _r,
        createdAt: _c,
        updatedAt: _u,
        previousTargets: _p,
        ...rest
      } = item as Record<string, unknown>;
      return rest;
    }),
  };
}
