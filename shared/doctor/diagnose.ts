import type { Diagnosis } from '../domain/diagnosis';
import type { DiagnosisInput, DiagnosisRules } from './input';
import { responseText, sendExchange, clip } from './input';

/**
 * A failed send's diagnosis: the provider's rules when they know the reason, else the one cause
 * the result already names, quoting the answer it came from. An accepted send has one only when
 * the rules find it reached no one (a hub's test send that matched no registration).
 */
export function diagnose(input: DiagnosisInput, rules: DiagnosisRules): Diagnosis | null {
  const specific = rules(input);
  if (specific && specific.causes.length > 0) return specific;
  if (input.result.outcome === 'accepted') return null;
  const exchange = sendExchange(input);
  const body = responseText(exchange);
  const evidence = [
    ...(input.result.status !== null
      ? [{ source: 'response header' as const, name: ':status', quote: String(input.result.status) }]
      : []),
    ...(body ? [{ source: 'response body' as const, name: 'body', quote: clip(body) }] : []),
    ...(exchange?.error ? [{ source: 'request' as const, name: 'error', quote: exchange.error.message }] : []),
  ];
  return {
    causes: [
      {
        id: `${input.result.provider}.${input.result.reason ?? 'failed'}`,
        title: input.result.explanation ?? input.result.reason ?? 'The send failed',
        rank: 1,
        likelihood: 'likely',
        evidence,
        fix: input.result.hint ?? 'Look at the exchange for what the service said.',
      },
    ],
  };
}
