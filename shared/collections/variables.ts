/**
 * `{{vars.name}}`, `{{env.NAME}}` and `{{device.field}}` in a collection request's strings and
 * payload. Values are inserted as text; a placeholder without a value is listed, never sent.
 */
export type VariableScope = 'vars' | 'env' | 'device';

export interface VariableValues {
  vars: Readonly<Record<string, string>>;
  env: Readonly<Record<string, string | undefined>>;
  device: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\{\{\s*(vars|env|device)\.([A-Za-z_][\w-]*)\s*\}\}/g;

/** Every placeholder in `text`, as `scope.name`. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => `${match[1]}.${match[2]}`);
}

/** `text` with each placeholder's value; those without one are in `missing` (as `vars.x`). */
export function substituteVariables(text: string, values: VariableValues): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (whole, scope: VariableScope, name: string) => {
    const value = values[scope][name];
    if (value === undefined) {
      missing.add(`${scope}.${name}`);
      return whole;
    }
    return value;
  });
  return { text: out, missing: [...missing] };
}

/** Every string inside a JSON-like value, for finding placeholders in options and assertions. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
  }
  return [];
}

/** A JSON-like value with every string substituted (keys too); missing ones are collected. */
export function substituteDeep<T>(value: T, values: VariableValues, missing: Set<string>): T {
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const done = substituteVariables(node, values);
      for (const name of done.missing) missing.add(name);
      return done.text;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [visit(key) as string, visit(inner)]));
    }
    return node;
  };
  return visit(value) as T;
}

/**
 * "2 unset variables: {{env.FCM_TOKEN}} (fcm.json), {{vars.topic}} (apns.json, nhub.json)": one
 * line naming every one and the requests that use it.
 */
export function unsetVariablesMessage(usedIn: ReadonlyMap<string, readonly string[]>): string {
  const list = [...usedIn.keys()].sort().map((name) => `{{${name}}} (${[...new Set(usedIn.get(name))].join(', ')})`);
  return `${list.length === 1 ? 'Unset variable' : `${list.length} unset variables`}: ${list.join(', ')}.`;
}
