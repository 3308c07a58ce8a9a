import type { Exchange } from '../../../shared/domain/exchange';

/** HAR 1.2 document (typed loosely here; the transport work fills in the mapping). */
export type HarDocument = { log: { version: '1.2'; creator: { name: string; version: string }; entries: unknown[] } };

// Placeholder until issue 3 lands: the signature is what the CLI and the viewer call.
export function exchangesToHar(exchanges: readonly Exchange[], creatorVersion: string): HarDocument {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Push Console', version: creatorVersion },
      entries: exchanges.map(() => ({})),
    },
  };
}
