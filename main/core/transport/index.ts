import { AppError } from '../../../shared/errors';
import type { Exchange } from '../../../shared/domain/exchange';
import type { Transport } from './types';

export interface TransportOptions {
  /** Called with every recorded (already redacted) exchange. */
  onExchange?: (exchange: Exchange) => void;
}

// Placeholder until the transport lands (issue 3).
export function createTransport(_options: TransportOptions = {}): Transport {
  return {
    request: async () => {
      throw new AppError('NOT_IMPLEMENTED', 'The HTTP transport is not available in this build yet.');
    },
    setRecording: () => {},
    close: async () => {},
  };
}
