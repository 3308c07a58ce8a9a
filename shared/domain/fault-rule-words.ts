import type { FaultAction, FaultRule } from './fault-rule';

/** HTTP's names for the statuses a fault usually answers with, as the services spell them (no spaces). */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  410: 'Gone',
  413: 'PayloadTooLarge',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function actionWords(action: FaultAction): string {
  switch (action.kind) {
    case 'status': {
      const name = action.reason ?? STATUS_NAMES[action.status];
      const retry = action.retryAfterSeconds !== undefined ? `, Retry-After ${action.retryAfterSeconds} s` : '';
      return `${action.status}${name ? ` ${name}` : ''}${retry}`;
    }
    case 'delay':
      return `Delay of ${action.ms.toLocaleString('en-US')} ms`;
    case 'reset':
      return action.scope === 'connection' ? 'Drop the connection' : 'Reset the stream';
    case 'goaway':
      return action.reason ? `GOAWAY ${action.reason}` : 'GOAWAY';
  }
}

function usageWords(times: number | undefined, hits: number | undefined): string {
  if (hits === undefined) return '';
  if (times === undefined) return hits === 0 ? 'not hit yet' : `hit ${hits}×`;
  if (hits >= times) return times === 1 ? 'used' : `used up (${hits} of ${times})`;
  return hits === 0 ? 'not used yet' : `hit ${hits} of ${times}`;
}

/**
 * A fault rule in words, as the Emulators screen lists it: "503 ServiceUnavailable, Retry-After 2 s,
 * once, used" or "429 TooManyRequests, every time, hit 3×". `hits` is the emulator's count so far.
 */
export function faultRuleWords(
  rule: Pick<FaultRule, 'action' | 'match' | 'probability' | 'nth' | 'times'> & { hits?: number },
): string {
  const parts = [actionWords(rule.action)];
  if (rule.match.device !== undefined) parts.push(`only device ${rule.match.device}`);
  if (rule.match.path !== undefined) parts.push(`only paths containing ${rule.match.path}`);
  if (rule.nth !== undefined) parts.push(`only the ${ordinal(rule.nth)} request`);
  if (rule.probability < 1) parts.push(`${Math.round(rule.probability * 1000) / 10}% of requests`);
  parts.push(rule.times === undefined ? 'every time' : rule.times === 1 ? 'once' : `${rule.times} times`);
  const usage = usageWords(rule.times, rule.hits);
  if (usage) parts.push(usage);
  return parts.join(', ');
}
