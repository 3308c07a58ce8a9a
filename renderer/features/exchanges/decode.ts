import type { Exchange, Header } from '../../../shared/domain/exchange';

export interface DecodedJwt {
  where: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Seconds between `iat` and when the request went out; APNs refuses tokens older than an hour. */
  iatAgeSeconds: number | null;
}

function base64urlJson(part: string): Record<string, unknown> | null {
  try {
    const padded = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const JWT_IN_TEXT = /([A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]{8,})\.([^\s,]+)/;

/** JWTs in the (already redacted) authorization header: `bearer <jwt>` or `vapid t=<jwt>, k=…`. */
export function decodeJwts(exchange: Exchange): DecodedJwt[] {
  const out: DecodedJwt[] = [];
  for (const [name, value] of exchange.requestHeaders) {
    if (name.toLowerCase() !== 'authorization') continue;
    const match = JWT_IN_TEXT.exec(value);
    if (!match) continue;
    const header = base64urlJson(match[1]!);
    const claims = base64urlJson(match[2]!);
    if (!header || !claims) continue;
    const sent = Date.parse(exchange.startedAt) / 1000;
    const iat = typeof claims.iat === 'number' ? claims.iat : null;
    out.push({ where: name, header, claims, iatAgeSeconds: iat === null ? null : Math.round(sent - iat) });
  }
  return out;
}

export function headersMatching(headers: readonly Header[], test: (lowerName: string) => boolean): Header[] {
  return headers.filter(([name]) => test(name.toLowerCase()));
}

export function formatAge(seconds: number): string {
  const abs = Math.abs(seconds);
  const text = abs < 120 ? `${abs} s` : abs < 7200 ? `${Math.round(abs / 60)} min` : `${(abs / 3600).toFixed(1)} h`;
  return seconds < 0 ? `${text} in the future` : `${text} old`;
}

/** JSON or XML bodies pretty-printed; anything else as is. */
export function prettyBody(text: string): { kind: 'json' | 'xml' | 'text'; text: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(trimmed), null, 2) };
    } catch {
      // Not JSON after all.
    }
  }
  if (trimmed.startsWith('<')) return { kind: 'xml', text: prettyXml(trimmed) };
  return { kind: 'text', text };
}

function prettyXml(xml: string): string {
  const tokens = xml.replace(/>\s*</g, '><').split(/(?=<)|(?<=>)/);
  let depth = 0;
  const lines: string[] = [];
  for (const token of tokens) {
    if (!token.trim()) continue;
    if (token.startsWith('</')) depth = Math.max(0, depth - 1);
    lines.push(`${'  '.repeat(depth)}${token}`);
    if (token.startsWith('<') && !token.startsWith('</') && !token.startsWith('<?') && !token.endsWith('/>')) {
      if (!token.startsWith('<!')) depth++;
    }
  }
  // Text nodes sit on their own line between open and close tags; fold `<a>`,`text`,`</a>` back together.
  const folded: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]!;
    const text = lines[i + 1];
    const close = lines[i + 2];
    if (text !== undefined && close !== undefined && !text.trim().startsWith('<') && close.trim().startsWith('</')) {
      folded.push(`${open}${text.trim()}${close.trim()}`);
      i += 2;
    } else folded.push(open);
  }
  return folded.join('\n');
}

/** The request or response as it went over the wire: HTTP/1.1 text, or HTTP/2 pseudo-headers then headers. */
export function rawMessage(exchange: Exchange, side: 'request' | 'response'): string {
  const headers = side === 'request' ? exchange.requestHeaders : exchange.responseHeaders;
  const body = side === 'request' ? exchange.requestBody : exchange.responseBody;
  const lines: string[] = [];
  if (exchange.httpVersion === '1.1') {
    if (side === 'request') {
      let path = exchange.url;
      try {
        const url = new URL(exchange.url);
        path = url.pathname + url.search;
      } catch {
        // Keep the URL as recorded.
      }
      lines.push(`${exchange.method} ${path} HTTP/1.1`);
    } else lines.push(`HTTP/1.1 ${exchange.status ?? '(no response)'}`);
  }
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  let text = lines.join('\n');
  if (body) {
    const content = body.encoding === 'text' ? body.data : `(${body.size} bytes of binary, base64)\n${body.data}`;
    text += `\n\n${content}${body.truncated ? `\n… cut at ${body.data.length} of ${body.size} bytes` : ''}`;
  }
  return text;
}
