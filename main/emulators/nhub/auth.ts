import { createHmac, timingSafeEqual } from 'node:crypto';
import { namespaceHost, type NHUB_RIGHTS, type NhubStore, type PolicyRecord } from './store';

type Right = (typeof NHUB_RIGHTS)[number];

export interface AuthFailure {
  status: number;
  reason: string;
  detail: string;
}

function parseToken(header: string): Record<string, string> | null {
  const prefix = 'SharedAccessSignature ';
  if (!header.startsWith(prefix)) return null;
  const fields: Record<string, string> = {};
  for (const part of header.slice(prefix.length).split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return fields['sr'] && fields['sig'] && fields['se'] && fields['skn'] ? fields : null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Verifies a SAS token the way the service does: the HMAC is checked over the raw `sr` string
 * exactly as sent (clients differ in what they put there), then the decoded `sr` — scheme and case
 * ignored — must cover `{namespace}/{hub}/messages/`. Namespace and hub come from the registered
 * policy, since locally the request URL is 127.0.0.1.
 */
export function verifySas(input: {
  authorization: string | undefined;
  hub: string;
  store: NhubStore;
  nowSeconds: number;
  /** The hub's entity the request is for (`messages`, `registrations`, …); a token must cover it. */
  resource?: string;
  /** Any one of these claims opens the operation (sends: Send or Manage). */
  rights?: readonly Right[];
}): { ok: true; policy: PolicyRecord; namespace: string } | { ok: false; failure: AuthFailure } {
  const fail = (status: number, reason: string, detail: string) => ({
    ok: false as const,
    failure: { status, reason, detail },
  });
  if (!input.authorization) return fail(401, 'MissingToken', 'The authorization header was not found.');
  const token = parseToken(input.authorization);
  if (!token) {
    return fail(
      401,
      'MalformedToken',
      'The credentials contained in the authorization header are not in the SharedAccessSignature format (sr, sig, se, skn).',
    );
  }
  const decoded = safeDecode(token['sr']!);
  const audience = decoded?.replace(/^[a-z]+:\/\//i, '') ?? '';
  if (!audience) return fail(401, 'MalformedToken', 'The sr field of the token is not URL-encoded text.');
  // The same namespace rule as the policy store's (port dropped), and the path after the host.
  const namespace = namespaceHost(audience);
  const path = audience.replace(/^[^/]*/, '').toLowerCase();
  const policies = input.store.policies().filter((p) => p.namespace === namespace);
  if (policies.length === 0) {
    return fail(
      400,
      'InvalidAudience',
      `The Token obtained from the Token Provider is wrong: no namespace ${namespace} here.`,
    );
  }
  const keyName = token['skn']!;
  const candidates = policies.filter((p) => p.keyName === keyName);
  if (candidates.length === 0) {
    return fail(401, 'UnknownKeyName', `The namespace has no authorization rule named '${keyName}'.`);
  }
  const sig = safeDecode(token['sig']!);
  // The request's own hub first, so a key name shared by several hubs resolves to this hub's rule.
  const ordered = [...candidates].sort(
    (a, b) =>
      Number(b.hub.toLowerCase() === input.hub.toLowerCase()) - Number(a.hub.toLowerCase() === input.hub.toLowerCase()),
  );
  const policy = ordered.find((p) => {
    const expected = createHmac('sha256', Buffer.from(p.key, 'utf8'))
      .update(`${token['sr']}\n${token['se']}`, 'utf8')
      .digest();
    const given = sig === null ? Buffer.alloc(0) : Buffer.from(sig, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!policy) return fail(401, 'InvalidSignature', 'The token has an invalid signature.');
  if (!/^\d+$/.test(token['se']!)) return fail(401, 'MalformedToken', 'The se field of the token is not UNIX seconds.');
  if (Number(token['se']) <= input.nowSeconds) {
    return fail(
      401,
      'ExpiredToken',
      `The token is expired. Expiration time: '${new Date(Number(token['se']) * 1000).toISOString()}'.`,
    );
  }
  const covered = `/${input.hub.toLowerCase()}/${(input.resource ?? 'messages').toLowerCase()}/`;
  const scope = path.endsWith('/') ? path : `${path}/`;
  if (!covered.startsWith(scope)) {
    return fail(401, 'InvalidAudience', `The token audience ${decoded} does not cover the hub ${input.hub}.`);
  }
  if (!input.store.hubExists(namespace, input.hub)) {
    return fail(404, 'HubNotFound', `No notification hub named ${input.hub} in ${namespace}.`);
  }
  // Access policies here belong to one hub: another hub's key does not open this one.
  if (policy.hub.toLowerCase() !== input.hub.toLowerCase()) {
    return fail(401, 'InvalidAudience', `The rule '${keyName}' belongs to hub ${policy.hub}, not ${input.hub}.`);
  }
  const needed = input.rights ?? ['Send', 'Manage'];
  if (!needed.some((right) => policy.rights.includes(right))) {
    return fail(
      401,
      'InsufficientRights',
      `Unauthorized access. '${needed[0]}' claim(s) are required; rule '${keyName}' has ${policy.rights.join(', ')}.`,
    );
  }
  return { ok: true, policy, namespace };
}
