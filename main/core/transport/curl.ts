import { isUtf8 } from 'node:buffer';
import { AppError } from '../../../shared/errors';
import type { Exchange, Header } from '../../../shared/domain/exchange';
import { bodyBytes } from './body';
import type { RawRequest } from './recorder';

export interface CurlOptions {
  /** Only for in-memory use (the clipboard after a confirmation); never persisted. Needs `raw`. */
  includeSecrets?: boolean;
  /** The unredacted request, from `transport.rawRequest(exchange.id)`, while it is still in memory. */
  raw?: RawRequest;
  /** A PEM file with the CA to trust (the local emulators' CA), passed as `--cacert`. */
  caFile?: string;
  /** Client certificate and key files for `--cert`/`--key` (APNs certificate auth). */
  certFile?: string;
  keyFile?: string;
}

// Headers curl writes itself from the URL and body; passing them again would duplicate or contradict them.
const CURL_OWNED = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'te',
  'keep-alive',
  'upgrade',
]);
// Headers curl adds unless told not to; `-H 'Name:'` removes them so the replay sends what we sent.
const CURL_DEFAULTS = ['user-agent', 'accept'];

/** POSIX single quotes: everything literal, a quote becomes '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A printf format that writes exactly these bytes (NUL included), for bodies quotes cannot carry. */
function printfFormat(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x27 || byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `'${out}'`;
}

function isPlainText(bytes: Buffer): boolean {
  for (const byte of bytes) if ((byte < 0x20 && byte !== 0x0a && byte !== 0x09) || byte === 0x7f) return false;
  return true;
}

/**
 * A curl command that sends the same request: same method, URL, protocol, headers in order and
 * body bytes. Redacted unless `includeSecrets` is set and the raw request is still in memory.
 */
export function exchangeToCurl(exchange: Exchange, options: CurlOptions = {}): string {
  if (options.includeSecrets && !options.raw)
    throw new AppError(
      'SECRETS_UNAVAILABLE',
      'The unredacted request is no longer in memory, so it cannot be copied with secrets',
      'Send it again and copy right away, or copy the redacted command.',
    );
  const raw = options.includeSecrets ? options.raw : undefined;
  const url = raw ? raw.url : exchange.url;
  const headers: Header[] = raw ? raw.headers : exchange.requestHeaders;
  const body = raw ? raw.body : exchange.requestBody ? bodyBytes(exchange.requestBody) : null;
  const method = raw ? raw.method : exchange.method;

  const comments: string[] = [];
  const args: string[] = ['curl'];
  if (exchange.httpVersion === '2') args.push(url.startsWith('https:') ? '--http2' : '--http2-prior-knowledge');
  else args.push('--http1.1');
  if (options.caFile) args.push('--cacert', shellQuote(options.caFile));
  else if (exchange.tls?.peerCertificate?.issuer.includes('Push Console'))
    comments.push('# The server uses the Push Console local CA: save it to a file and add --cacert <file>.');
  if (options.certFile) args.push('--cert', shellQuote(options.certFile));
  if (options.keyFile) args.push('--key', shellQuote(options.keyFile));
  if (!options.certFile && exchange.tls?.clientCertificateSubject)
    comments.push(`# Sent with client certificate ${exchange.tls.clientCertificateSubject}: add --cert and --key.`);
  if (!raw && exchange.redactions.length > 0)
    comments.push(`# Redacted: ${exchange.redactions.join(', ')}. This command will not authenticate as is.`);
  if (!raw && exchange.requestBody?.truncated)
    comments.push(
      `# The recorded body was cut at ${exchange.requestBody.data.length} of ${exchange.requestBody.size} bytes.`,
    );

  const hasBody = body !== null && body.length > 0;
  // curl picks POST for --data-binary and GET otherwise; say the method only when it differs.
  if (method !== (hasBody ? 'POST' : 'GET')) args.push('--request', shellQuote(method));
  args.push(shellQuote(url));
  const present = new Set<string>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower.startsWith(':') || CURL_OWNED.has(lower)) continue;
    present.add(lower);
    // `Name;` is curl's spelling for a header with an empty value.
    args.push('--header', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  }
  for (const name of CURL_DEFAULTS) if (!present.has(name)) args.push('--header', shellQuote(`${name}:`));
  if (hasBody && !present.has('content-type')) args.push('--header', shellQuote('content-type:'));

  let prefix = '';
  if (hasBody) {
    // A body starting with @ would be read as a file name; control bytes do not survive quoting.
    if (body[0] !== 0x40 && isUtf8(body) && isPlainText(body))
      args.push('--data-binary', shellQuote(body.toString('utf8')));
    else {
      prefix = `printf ${printfFormat(body)} | `;
      args.push('--data-binary', '@-');
    }
  }
  const command = prefix + args.join(' \\\n  ');
  return comments.length > 0 ? `${comments.join('\n')}\n${command}` : command;
}
