import type { Exchange, Header, Provider } from '../../../shared/domain/exchange';

/**
 * The one HTTP interface every provider uses (sends and auth-token requests alike). The
 * implementation lives beside this file; providers and tests depend only on these types.
 */
export interface TransportRequest {
  url: string;
  method: string;
  /** Sent in this order. Names are lower-cased for HTTP/2. */
  headers?: Header[] | Record<string, string>;
  body?: string | Uint8Array;
  /** Use HTTP/2 (required for APNs). Default: HTTP/1.1. */
  http2?: boolean;
  tls?: TlsOptions;
  /** Whole-request deadline. Default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** What this request is for; drives the exchange list and redaction. */
  meta?: RequestMeta;
  /**
   * Extra values to redact wherever they appear in the recorded exchange (a client secret, an
   * access token the caller knows about). Standard places are redacted regardless.
   */
  secrets?: string[];
  /**
   * Record this exchange (default: the transport's `recording` option, on). Chosen per request so
   * a bulk run with recording off leaves every other send (the composer's, another run's) as is.
   */
  record?: boolean;
}

export interface TlsOptions {
  /** Extra trusted roots in PEM (the local emulators' CA in the `local` environment). */
  ca?: string | string[];
  /** Client identity (APNs certificate auth), PEM. */
  clientCert?: string;
  clientKey?: string;
  passphrase?: string;
  /** Client identity as PKCS#12 bytes, with `passphrase`. */
  pfx?: Uint8Array;
  /** SNI / certificate name to check when the URL host differs (rarely needed). */
  servername?: string;
}

export interface RequestMeta {
  purpose: 'send' | 'auth' | 'other';
  provider?: Provider;
  /** Short text naming the target for lists: a token prefix, topic, channel host… */
  target?: string;
  /** Provider annotations stored on the exchange (decoded claims, encryption steps). No secrets. */
  notes?: Record<string, unknown>;
  /**
   * What the body carries encrypted (a Web Push payload before RFC 8291): recorded beside the
   * ciphertext as `requestPlaintext`, redacted like any body.
   */
  plaintext?: string;
}

export interface TransportResponse {
  status: number;
  /** As received, in order; HTTP/2 pseudo-headers (`:status`) included first. */
  headers: Header[];
  body: Buffer;
  httpVersion: '1.1' | '2';
  /** The recorded exchange, or null when recording is off. */
  exchange: Exchange | null;
  /** The exchange id even when recording is off, for SendResult.exchangeIds. */
  exchangeId: string;
  durationMs: number;
}

export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Close pooled connections. */
  close(): Promise<void>;
}

/** Header lookup helper shared by providers: first value of a header, case-insensitive. */
export function headerValue(headers: Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}
