/** Values a bulk payload can use as {{device.<name>}}: label, target, id, and each custom field. */
export type DeviceVars = Record<string, string>;

const PATTERN = /\{\{\s*device\.([A-Za-z0-9_-]+)\s*\}\}/g;

export function hasPlaceholders(text: string): boolean {
  PATTERN.lastIndex = 0;
  return PATTERN.test(text);
}

/**
 * Replaces {{device.field}} with the device's value. Inside JSON the value is inserted as raw
 * text, so `"badge": {{device.badge}}` yields a number and `"{{device.label}}"` a string. A
 * placeholder without a value is reported, never silently left in a payload.
 */
export function substitute(text: string, vars: DeviceVars): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(PATTERN, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      missing.push(name);
      return whole;
    }
    return value;
  });
  return { text: out, missing: [...new Set(missing)] };
}
