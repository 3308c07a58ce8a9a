/**
 * The small JSON path subset collections use: `$`, `.name`, `[0]` and `["any key"]`, e.g.
 * `$.aps.alert.title` or `$.results[0].error`. No wildcards or filters: an assertion names one value.
 */
export type PathStep = string | number;

const STEP = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["([^"]*)"\]/y;

/** The steps of a path, or null when it is not in the subset. */
export function parseJsonPath(path: string): PathStep[] | null {
  if (!path.startsWith('$')) return null;
  const steps: PathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const at = STEP.lastIndex;
    const match = STEP.exec(path);
    if (!match || match.index !== at) return null;
    steps.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3]!));
  }
  return steps;
}

/** The value at `path` in `value`: `{ found: false }` when a step is missing. */
export function readJsonPath(value: unknown, path: string): { found: true; value: unknown } | { found: false } {
  const steps = parseJsonPath(path);
  if (!steps) return { found: false };
  let here: unknown = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(here) || step >= here.length) return { found: false };
      here = here[step];
    } else {
      if (here === null || typeof here !== 'object' || Array.isArray(here) || !Object.hasOwn(here, step)) {
        return { found: false };
      }
      here = (here as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: here };
}

/** Parses text as JSON; undefined when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
