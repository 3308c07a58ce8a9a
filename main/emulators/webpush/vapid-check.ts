import { createPublicKey, verify } from 'node:crypto';

/** A refusal as the emulator answers it (autopush's JSON with errno 109 for auth problems). */
export interface AuthRefusal {
  status: 400 | 401 | 403;
  message: string;
}

export interface VapidCheckOptions {
  authorization: string | undefined;
  /** scheme://host:port of this push service: the only acceptable `aud`. */
  origin: string;
  /** The key the subscription was made with (applicationServerKey), when it was given one. */
  applicationServerKey: string | null;
  nowSeconds: number;
  checks: {
    /** `k` must equal the subscription's applicationServerKey (RFC 8292 §4.1). */
    matchApplicationServerKey: boolean;
    /** Autopush: `sub` is required when VAPID is used. */
    requireSubject: boolean;
    /** Apple: reject mailto:…@localhost and https://localhost subjects. */
    rejectLocalhostSubject: boolean;
    /** Only keys registered through /__admin/credentials. */
    registeredKeysOnly: boolean;
  };
  registeredKeys: ReadonlySet<string>;
}

export interface VapidAccepted {
  claims: { aud: string; exp: number; sub?: string };
  publicKey: string;
}

const MAX_EXP_AHEAD = 24 * 3600;

function parseAuthorization(header: string): { t: string; k: string } | 'repeated' | null {
  const match = /^vapid\s+(.+)$/i.exec(header.trim());
  if (!match) return null;
  const params = new Map<string, string>();
  for (const part of match[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const name = part.slice(0, eq).trim().toLowerCase();
    if (params.has(name)) return 'repeated';
    params.set(name, part.slice(eq + 1).trim());
  }
  const t = params.get('t');
  const k = params.get('k');
  return t && k ? { t, k } : null;
}

/** RFC 8292 checks, in the order a push service can make them; the first failure is the answer. */
export function checkVapid(options: VapidCheckOptions): VapidAccepted | AuthRefusal {
  if (!options.authorization) return { status: 401, message: 'Missing Authorization header (VAPID required).' };
  const parsed = parseAuthorization(options.authorization);
  if (parsed === 'repeated') return { status: 400, message: 'The t or k parameter appears more than once.' };
  if (!parsed) return { status: 401, message: 'Authorization is not "vapid t=<jwt>, k=<key>".' };
  const key = Buffer.from(parsed.k, 'base64url');
  if (!/^[A-Za-z0-9_-]+$/.test(parsed.k) || key.length !== 65 || key[0] !== 0x04) {
    return { status: 403, message: 'k is not a 65-byte uncompressed P-256 public key in base64url.' };
  }
  let publicKey;
  try {
    publicKey = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: key.subarray(1, 33).toString('base64url'),
        y: key.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    return { status: 403, message: 'k is not a point on the P-256 curve.' };
  }
  const parts = parsed.t.split('.');
  if (parts.length !== 3) return { status: 403, message: 'The VAPID token is not a JWT.' };
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { status: 403, message: 'The VAPID JWT header or claims are not JSON.' };
  }
  if (header['alg'] !== 'ES256')
    return { status: 403, message: `The VAPID JWT uses ${String(header['alg'])}; ES256 is required.` };
  const signature = Buffer.from(parts[2]!, 'base64url');
  // Raw r||s only: a DER signature (70-72 bytes) is refused like any other bad signature.
  const valid =
    signature.length === 64 &&
    verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  if (!valid) return { status: 403, message: 'The VAPID JWT signature does not verify with k.' };
  if (claims['aud'] !== options.origin) {
    return {
      status: 403,
      message: `The JWT aud is ${JSON.stringify(claims['aud'])}; this push service is ${options.origin}.`,
    };
  }
  const exp = claims['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp))
    return { status: 403, message: 'The JWT has no numeric exp claim.' };
  if (exp <= options.nowSeconds) return { status: 403, message: 'The VAPID JWT has expired.' };
  if (exp - options.nowSeconds > MAX_EXP_AHEAD) {
    return { status: 403, message: 'The JWT exp is more than 24 hours ahead.' };
  }
  const sub = claims['sub'];
  if (options.checks.requireSubject && (typeof sub !== 'string' || sub === '')) {
    return { status: 403, message: 'The JWT has no sub claim; a mailto: or https: contact is required.' };
  }
  if (
    options.checks.rejectLocalhostSubject &&
    typeof sub === 'string' &&
    /@localhost\b|^https?:\/\/localhost\b/i.test(sub)
  ) {
    return { status: 403, message: `The JWT sub ${sub} points at localhost.` };
  }
  if (
    options.checks.matchApplicationServerKey &&
    options.applicationServerKey !== null &&
    options.applicationServerKey !== parsed.k
  ) {
    return { status: 403, message: 'k is not the applicationServerKey this subscription was created with.' };
  }
  if (options.checks.registeredKeysOnly && !options.registeredKeys.has(parsed.k)) {
    return { status: 403, message: 'k is not a registered application server key.' };
  }
  const accepted: VapidAccepted = { claims: { aud: options.origin, exp }, publicKey: parsed.k };
  if (typeof sub === 'string') accepted.claims.sub = sub;
  return accepted;
}
