import type { Provider } from '../../shared/domain/exchange';
import { AppError } from '../../shared/errors';
import { providerSpec } from '../../shared/providers';

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Lets `bulk apns --topic X --push-type voip` be spelled as `send apns` spells it: a flag that
 * names one of the provider's options (kebab-case, or `--flag=value`) becomes `--option key=value`.
 * Flags the command has itself (`own`) are left alone; a flag with no value is `true`.
 */
export function providerFlagsAsOptions(
  args: readonly string[],
  provider: Provider,
  own: ReadonlySet<string>,
): string[] {
  const keys = new Set(Object.keys(providerSpec(provider).optionsSchema.shape));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    const key = match ? camel(match[1]!) : '';
    if (!match || own.has(match[1]!) || !keys.has(key)) {
      out.push(arg);
      continue;
    }
    let value = match[2];
    if (value === undefined) {
      const next = args[i + 1];
      value = next === undefined || next.startsWith('--') ? 'true' : (i++, next);
    }
    if (value === '') throw new AppError('INVALID_INPUT', `--${match[1]} needs a value.`);
    out.push('--option', `${key}=${value}`);
  }
  return out;
}
