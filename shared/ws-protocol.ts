import { z } from 'zod';

/** A call from a browser tab: answered with `{ id, result }`; events arrive as `{ event, payload }`. */
export const wsMessageSchema = z.object({
  id: z.number().int(),
  method: z.string().max(200),
  input: z.unknown(),
});

/** The subprotocol the server selects; the only one it ever names in its answer. */
export const WS_PROTOCOL = 'push-console';

/**
 * The run token travels as a second offered subprotocol, so it goes only to the server the socket
 * opens to (never as a cookie, which every server on 127.0.0.1 would receive) and is checked
 * before the socket exists. Base64url characters are all allowed in a subprotocol name.
 */
const TOKEN_PREFIX = 'pc-token.';

export function wsProtocols(token: string): string[] {
  return [WS_PROTOCOL, TOKEN_PREFIX + token];
}

/** The token among the offered subprotocols, if any. */
export function tokenFromProtocols(offered: Iterable<string>): string | null {
  for (const protocol of offered) if (protocol.startsWith(TOKEN_PREFIX)) return protocol.slice(TOKEN_PREFIX.length);
  return null;
}

/** Close codes the server uses (RFC 6455's for frames it cannot take). */
export const WS_CLOSE = { tooLarge: 1009, invalidData: 1007 } as const;
