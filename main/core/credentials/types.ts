import type { CredentialKind, CredentialMeta } from '../../../shared/domain/credential';

/**
 * Secret material per credential kind, as held in the keychain (JSON-serialised) and handed to
 * provider clients inside main. Never sent to the renderer, written to disk or logged.
 */
export interface ApnsTokenSecret {
  kind: 'apns-token';
  /** PKCS#8 PEM of the P-256 key from the .p8 file. */
  keyPem: string;
  keyId: string;
  teamId: string;
}

export interface ApnsCertificateSecret {
  kind: 'apns-certificate';
  /** PEM certificate (leaf first, then any chain) and unencrypted PEM private key. */
  certPem: string;
  keyPem: string;
}

export interface FcmServiceAccountSecret {
  kind: 'fcm-service-account';
  projectId: string;
  clientEmail: string;
  privateKeyPem: string;
  privateKeyId?: string;
  tokenUri: string;
}

export type WnsSecret =
  | { kind: 'wns'; flavor: 'package-sid'; packageSid: string; clientSecret: string }
  | { kind: 'wns'; flavor: 'entra'; tenantId: string; clientId: string; clientSecret: string };

export interface VapidSecret {
  kind: 'vapid';
  /** base64url of the 65-byte uncompressed P-256 public key (what goes in `k=`). */
  publicKey: string;
  /** base64url of the 32-byte private scalar. */
  privateKey: string;
  subject: string;
}

export interface NhubSecret {
  kind: 'nhub';
  /** e.g. sb://my-namespace.servicebus.windows.net/ */
  endpoint: string;
  keyName: string;
  key: string;
  hubName: string;
}

export type CredentialSecret =
  ApnsTokenSecret | ApnsCertificateSecret | FcmServiceAccountSecret | WnsSecret | VapidSecret | NhubSecret;

export type SecretOf<K extends CredentialKind> = Extract<CredentialSecret, { kind: K }>;

export interface ResolvedCredential<K extends CredentialKind = CredentialKind> {
  meta: CredentialMeta & { kind: K };
  secret: SecretOf<K>;
}

export interface ResolveOptions {
  /** Set by the sender: an expired certificate is refused with a human error instead of sent. */
  forSend?: boolean;
}

/** What providers and the sender need from the credential service. */
export interface CredentialResolver {
  /** By id or label; throws AppError NOT_FOUND / KEYCHAIN_UNAVAILABLE with a human message. */
  resolve(idOrLabel: string, options?: ResolveOptions): Promise<ResolvedCredential>;
}
