import { randomUUID } from 'node:crypto';
import type { Header } from '../../../../shared/domain/exchange';
import { AppError } from '../../../../shared/errors';
import type { ApnsSendRequest } from '../../../../shared/providers/apns/message';
import { topicForPushType, topicSuffix } from '../../../../shared/providers/apns/push-types';
import type { CredentialMeta } from '../../../../shared/domain/credential';
import type { LocalEnvironment } from '../../local/local-env';
import type { TlsOptions, TransportRequest } from '../../transport/types';

export const APNS_HOSTS = {
  production: 'api.push.apple.com',
  sandbox: 'api.sandbox.push.apple.com',
} as const;

export interface ApnsOrigin {
  baseUrl: string;
  /** The emulators' CA in `local`. */
  ca?: string;
}

/** Apple's host for the environment on port 443 or 2197; the local emulator in `local`. */
export function apnsOrigin(
  environment: ApnsSendRequest['environment'],
  port: number,
  local: LocalEnvironment | null,
): ApnsOrigin {
  if (environment === 'local') {
    if (!local?.apns) {
      throw new AppError(
        'LOCAL_NOT_RUNNING',
        'The local APNs emulator is not running.',
        'Start the emulators (push-console emulators start) with APNs included.',
      );
    }
    return { baseUrl: local.apns.endsWith('/') ? local.apns.slice(0, -1) : local.apns, ca: local.ca };
  }
  const host = APNS_HOSTS[environment];
  return { baseUrl: port === 443 ? `https://${host}` : `https://${host}:${port}` };
}

/**
 * The topic to send: the option, else the certificate's bundle id (or its first topic), with the
 * push type's suffix added when the topic has none. Null when nothing names one (token auth without topic).
 */
export function resolveTopic(request: ApnsSendRequest, meta: Pick<CredentialMeta, 'metadata'> | null): string | null {
  const pushType = request.options.pushType;
  const given = request.options.topic?.trim();
  // An explicit suffix is sent as typed, even a wrong one (preflight says so): this is a test tool.
  if (given) return topicSuffix(given) ? given : topicForPushType(given, pushType);
  const metadata = meta?.metadata ?? {};
  const bundleId = typeof metadata['bundleId'] === 'string' ? metadata['bundleId'] : null;
  const topics = Array.isArray(metadata['topics']) ? metadata['topics'].filter((t) => typeof t === 'string') : [];
  const base = bundleId ?? (topics[0] as string | undefined) ?? null;
  return base ? topicForPushType(base, pushType) : null;
}

export type ApnsAuth =
  | { kind: 'token'; jwt: string; /** `bearer <jwt>`, built once per token by the JWT cache. */ authorization: string }
  | { kind: 'certificate'; certPem: string; keyPem: string };

/** The headers in the order they are sent; optional ones only when set. */
export function apnsHeaders(request: ApnsSendRequest, topic: string | null, apnsId: string, auth: ApnsAuth): Header[] {
  const options = request.options;
  const headers: Header[] = [['apns-push-type', options.pushType]];
  if (topic) headers.push(['apns-topic', topic]);
  if (options.priority !== undefined) headers.push(['apns-priority', String(options.priority)]);
  if (options.expiration !== undefined) headers.push(['apns-expiration', String(options.expiration)]);
  if (options.collapseId !== undefined && options.collapseId !== '') {
    headers.push(['apns-collapse-id', options.collapseId]);
  }
  headers.push(['apns-id', apnsId]);
  if (auth.kind === 'token') headers.push(['authorization', auth.authorization]);
  headers.push(['content-type', 'application/json']);
  return headers;
}

/** A short, non-secret label for exchange lists: the token's first and last hex digits. */
export function describeToken(token: string): string {
  return token.length > 16 ? `${token.slice(0, 8)}...${token.slice(-4)}` : token;
}

export interface ApnsRequestParts {
  request: ApnsSendRequest;
  origin: ApnsOrigin;
  topic: string | null;
  auth: ApnsAuth;
  apnsId?: string;
  notes?: Record<string, unknown>;
  signal?: AbortSignal | undefined;
  record?: boolean | undefined;
}

/** The TLS options a request to `origin` needs: the certificate's identity, and the emulators' CA in `local`. */
export function apnsTls(origin: ApnsOrigin, auth: ApnsAuth): TlsOptions | undefined {
  if (auth.kind === 'certificate') {
    return { ...(origin.ca ? { ca: origin.ca } : {}), clientCert: auth.certPem, clientKey: auth.keyPem };
  }
  return origin.ca ? { ca: origin.ca } : undefined;
}

/** Builds the provider's requests; one per APNs provider, so what it reuses lives as long as the provider. */
export class ApnsRequestBuilder {
  // One TlsOptions per emulator CA, so every request of a bulk send hands the transport the same
  // object and its connection lookup is a WeakMap hit rather than a hash of the CA text.
  readonly #caOnly = new Map<string, TlsOptions>();

  /** The TLS options for `origin`, the same object for every request to one emulator CA. */
  tls(origin: ApnsOrigin, auth: ApnsAuth): TlsOptions | undefined {
    return this.#tls(origin, auth);
  }

  build(options: ApnsRequestParts): TransportRequest & { apnsId: string } {
    const { request, origin, auth } = options;
    const apnsId = options.apnsId || request.options.apnsId || randomUUID();
    const tls = this.#tls(origin, auth);
    return {
      apnsId,
      url: `${origin.baseUrl}/3/device/${request.target}`,
      method: 'POST',
      headers: apnsHeaders(request, options.topic, apnsId, auth),
      body: request.payload,
      http2: true,
      ...(tls ? { tls } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      meta: {
        purpose: 'send',
        provider: 'apns',
        target: describeToken(request.target),
        notes: {
          topic: options.topic,
          pushType: request.options.pushType,
          auth: auth.kind,
          ...options.notes,
        },
      },
      secrets: auth.kind === 'token' ? [auth.jwt] : [],
      record: options.record,
    };
  }

  #tls(origin: ApnsOrigin, auth: ApnsAuth): TlsOptions | undefined {
    if (auth.kind === 'certificate' || !origin.ca) return apnsTls(origin, auth);
    let tls = this.#caOnly.get(origin.ca);
    if (!tls) {
      if (this.#caOnly.size >= 16) this.#caOnly.clear();
      tls = { ca: origin.ca };
      this.#caOnly.set(origin.ca, tls);
    }
    return tls;
  }
}
