import type { Provider } from '../../../shared/domain/exchange';

// Provider payload JSON Schemas for Monaco (validation, hovers, completion). Providers register
// theirs in shared/ and they are wired in here as they land.
export function payloadJsonSchema(_provider: Provider, _options: Record<string, unknown>): object | undefined {
  return undefined;
}
