import { ConnectError } from './connect';
import type { TransportErrorCode } from './errors';

/**
 * A request that got no HTTP answer, before it is wrapped into a TransportError with its exchange.
 * The protocol paths throw these; index.ts records and wraps them.
 */
export class Failure extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    readonly extra: { hint?: string; retryable: boolean; http2Code?: string; goawayReason?: string },
  ) {
    super(message);
  }
}

// RFC 9113 §7 error codes, in order, with the names nghttp2 and Node use.
const H2_CODE_NAMES = [
  'NO_ERROR',
  'PROTOCOL_ERROR',
  'INTERNAL_ERROR',
  'FLOW_CONTROL_ERROR',
  'SETTINGS_TIMEOUT',
  'STREAM_CLOSED',
  'FRAME_SIZE_ERROR',
  'REFUSED_STREAM',
  'CANCEL',
  'COMPRESSION_ERROR',
  'CONNECT_ERROR',
  'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY',
  'HTTP_1_1_REQUIRED',
];

/** `NGHTTP2_REFUSED_STREAM` for 7, as the exchange viewer shows it. */
export function http2CodeName(code: number): string {
  const name = H2_CODE_NAMES[code];
  return name ? `NGHTTP2_${name}` : `HTTP2_ERROR_${code}`;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

type NodeError = Error & { code?: string };

function tlsFailure(error: NodeError, host: string): Failure {
  const code = error.code ?? '';
  const message = error.message.toLowerCase();
  if (UNTRUSTED.has(code))
    return new Failure('TLS', `The certificate of ${host} is not trusted (${code})`, {
      hint: 'For the local emulators, trust the Push Console local CA; elsewhere, check for a proxy that intercepts TLS.',
      retryable: true,
    });
  if (code === 'CERT_HAS_EXPIRED')
    return new Failure('TLS', `The certificate of ${host} has expired`, {
      hint: 'Check the system clock, or the server certificate.',
      retryable: true,
    });
  if (code === 'CERT_NOT_YET_VALID')
    return new Failure('TLS', `The certificate of ${host} is not valid yet`, {
      hint: 'Check the system clock.',
      retryable: true,
    });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new Failure('TLS', `The certificate presented is not valid for ${host}`, {
      hint: 'The host name does not match the certificate; check the endpoint URL.',
      retryable: true,
    });
  if (message.includes('bad decrypt') || code === 'ERR_OSSL_BAD_DECRYPT' || message.includes('bad password'))
    return new Failure('TLS', 'The client key could not be decrypted: the passphrase looks wrong', {
      hint: 'Re-enter the passphrase of the certificate.',
      retryable: false,
    });
  if (
    /certificate required|bad certificate|unknown ca|certificate unknown|certificate revoked|certificate expired/.test(
      message,
    )
  )
    return new Failure('TLS', `${host} rejected the client certificate`, {
      hint: 'Check that the certificate is the right one for this server and environment.',
      retryable: false,
    });
  return new Failure('TLS', `The TLS handshake with ${host} failed: ${error.message}`, { retryable: true });
}

/** Words for an error from a socket or session, keyed by its Node code. */
export function failureFrom(error: unknown, host: string, phase?: 'dns' | 'connect' | 'tls'): Failure {
  if (error instanceof Failure) return error;
  if (error instanceof ConnectError) return failureFrom(error.original, host, error.phase);
  const nodeError = error as NodeError;
  const code = nodeError?.code ?? '';
  if (phase === 'tls' && code !== 'ECONNRESET') return tlsFailure(nodeError, host);
  if (UNTRUSTED.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.startsWith('CERT_'))
    return tlsFailure(nodeError, host);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new Failure('NETWORK', `Could not resolve ${host}`, {
        hint: 'Check the host name and the network connection.',
        retryable: true,
      });
    case 'ECONNREFUSED':
      return new Failure('NETWORK', `${host} refused the connection`, {
        hint: 'Nothing is listening there: is the server or emulator running?',
        retryable: true,
      });
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new Failure('NETWORK', `${host} could not be reached (${code})`, { retryable: true });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'ERR_HTTP2_SESSION_ERROR':
    case 'ERR_HTTP2_STREAM_CANCEL':
    case 'ERR_HTTP2_INVALID_SESSION':
      return new Failure('CONNECTION_RESET', `The connection to ${host} was closed before the response arrived`, {
        hint: 'The server may or may not have processed the request.',
        retryable: phase !== undefined,
      });
    default:
      return new Failure('NETWORK', `Request to ${host} failed: ${nodeError?.message ?? String(error)}`, {
        retryable: phase !== undefined,
      });
  }
}

export function timeoutFailure(host: string, timeoutMs: number): Failure {
  return new Failure('TIMEOUT', `${host} did not answer within ${(timeoutMs / 1000).toLocaleString('en-US')} s`, {
    hint: 'The server may still process the request; retry with care for duplicates.',
    retryable: false,
  });
}

export function cancelledFailure(): Failure {
  return new Failure('CANCELLED', 'The request was cancelled', { retryable: false });
}
