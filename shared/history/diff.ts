import { z } from 'zod';
import type { Header, RecordedBody } from '../domain/exchange';

export const headerDiffSchema = z.object({
  name: z.string(),
  left: z.string().nullable(),
  right: z.string().nullable(),
  change: z.enum(['same', 'changed', 'added', 'removed']),
});
export type HeaderDiff = z.infer<typeof headerDiffSchema>;

export const lineDiffSchema = z.object({
  op: z.enum(['same', 'added', 'removed']),
  text: z.string(),
});
export type LineDiff = z.infer<typeof lineDiffSchema>;

/**
 * Headers compared by lower-cased name; repeated headers are joined with ", " so a changed
 * second value still shows. Order follows the left side, then names only on the right.
 */
export function diffHeaders(left: readonly Header[], right: readonly Header[]): HeaderDiff[] {
  const collect = (headers: readonly Header[]) => {
    const map = new Map<string, string>();
    for (const [name, value] of headers) {
      const key = name.toLowerCase();
      map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value);
    }
    return map;
  };
  const a = collect(left);
  const b = collect(right);
  const out: HeaderDiff[] = [];
  for (const [name, value] of a) {
    const other = b.get(name);
    if (other === undefined) out.push({ name, left: value, right: null, change: 'removed' });
    else out.push({ name, left: value, right: other, change: other === value ? 'same' : 'changed' });
  }
  for (const [name, value] of b) if (!a.has(name)) out.push({ name, left: null, right: value, change: 'added' });
  return out;
}

/** JSON bodies are compared pretty-printed so a reordered line break does not hide the real change. */
export function bodyLines(body: RecordedBody | null): string[] {
  if (!body) return [];
  if (body.encoding === 'base64') return [`(binary, ${body.size} bytes)`];
  const text = body.data;
  try {
    return JSON.stringify(JSON.parse(text), null, 2).split('\n');
  } catch {
    return text.split(/\r?\n/);
  }
}

// Beyond this many line pairs the LCS table gets too large; fall back to a plain replace.
const MAX_CELLS = 4_000_000;

/** Line diff by longest common subsequence (bodies here are small: push payloads cap at 4–5 KB). */
export function diffLines(left: readonly string[], right: readonly string[]): LineDiff[] {
  const n = left.length;
  const m = right.length;
  if (n * m > MAX_CELLS) {
    return [
      ...left.map((text) => ({ op: 'removed' as const, text })),
      ...right.map((text) => ({ op: 'added' as const, text })),
    ];
  }
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = left[i] === right[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: LineDiff[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (left[i] === right[j]) {
      out.push({ op: 'same', text: left[i]! });
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) {
      out.push({ op: 'removed', text: left[i++]! });
    } else {
      out.push({ op: 'added', text: right[j++]! });
    }
  }
  while (i < n) out.push({ op: 'removed', text: left[i++]! });
  while (j < m) out.push({ op: 'added', text: right[j++]! });
  return out;
}
