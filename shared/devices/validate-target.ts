import type { Environment } from '../domain/environment';
import type { Provider } from '../domain/exchange';
import { PROVIDER_IDENTITIES } from '../providers/ids';

/**
 * Why this text cannot be a target of that provider, in words for the target field, or null.
 * Each provider's rule is its identity's `targetProblem` (Notification Hubs accepts anything).
 */
export function targetProblem(provider: Provider, environment: Environment, target: string): string | null {
  const trimmed = target.trim();
  if (!trimmed) return null; // The schema says a target is needed.
  return PROVIDER_IDENTITIES[provider].targetProblem(trimmed, environment);
}
