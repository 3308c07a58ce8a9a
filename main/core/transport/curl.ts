import type { Exchange } from '../../../shared/domain/exchange';

export interface CurlOptions {
  /** Only for in-memory use (the clipboard after a confirmation); never persisted. */
  includeSecrets?: boolean;
}

// Placeholder until issue 3 lands: the signature is what the CLI and the viewer call.
export function exchangeToCurl(exchange: Exchange, _options: CurlOptions = {}): string {
  return `curl -X ${exchange.method} '${exchange.url}'`;
}
