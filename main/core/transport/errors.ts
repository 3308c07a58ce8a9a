import { AppError } from '../../../shared/errors';
import type { Exchange } from '../../../shared/domain/exchange';

export type TransportErrorCode =
  'NETWORK' | 'TIMEOUT' | 'CANCELLED' | 'TLS' | 'GOAWAY' | 'STREAM_RESET' | 'CONNECTION_RESET';

/**
 * A request that got no HTTP answer. Carries the recorded exchange (with its error filled in) so
 * the viewer can show how far it got, and whether retrying is safe.
 */
export class TransportError extends AppError {
  readonly transportCode: TransportErrorCode;
  readonly exchange: Exchange | null;
  readonly exchangeId: string;
  /** True when the server cannot have processed the request (REFUSED_STREAM, GOAWAY past our stream, connect failure). */
  readonly retryable: boolean;
  readonly http2Code: string | undefined;
  readonly goawayReason: string | undefined;

  constructor(options: {
    code: TransportErrorCode;
    message: string;
    hint?: string;
    exchange: Exchange | null;
    exchangeId: string;
    retryable: boolean;
    http2Code?: string;
    goawayReason?: string;
  }) {
    super(options.code, options.message, options.hint);
    this.name = 'TransportError';
    this.transportCode = options.code;
    this.exchange = options.exchange;
    this.exchangeId = options.exchangeId;
    this.retryable = options.retryable;
    this.http2Code = options.http2Code;
    this.goawayReason = options.goawayReason;
  }
}

export function isTransportError(value: unknown): value is TransportError {
  return value instanceof TransportError;
}
