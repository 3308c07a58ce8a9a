import { createECDH, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { invalid, type ImportFields, type ParsedCredential } from './parsed';

export interface VapidSecret {
  kind: 'vapid';
  /** base64url of the 65-byte uncompressed P-256 public key (what goes in `k=`). */
  publicKey: string;
  /** base64url of the 32-byte private scalar. */
  privateKey: string;
  subject: string;
}

const LOCALHOST_WARNING =
  'The subject points at localhost; Apple rejects such VAPID subjects with BadJwtToken. Use a real mailto: or https: address.';

/** A fresh P-256 pair, made here so the private key never leaves main. */
export function generateVapidPair(): { publicKey: string; privateKey: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  return fromScalar(Buffer.from(jwk.d!, 'base64url'));
}

function fromScalar(d: Buffer): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: d.toString('base64url') };
}

export function checkSubject(subject: string | undefined): { subject: string; warnings: string[] } {
  const value = subject?.trim() ?? '';
  if (value === '') throw invalid('A subject is required: mailto:you@example.com or an https: URL of your site.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`The subject must be a mailto: or https: URL, not "${value.slice(0, 80)}".`);
  }
  if (url.protocol !== 'mailto:' && url.protocol !== 'https:') {
    throw invalid(`The subject must start with mailto: or https:, not ${url.protocol}.`);
  }
  const host = url.protocol === 'mailto:' ? (value.split('@')[1] ?? '') : url.hostname;
  const local = /^(localhost|127\.0\.0\.1|\[::1\])$/i.test(host.trim());
  return { subject: value, warnings: local ? [LOCALHOST_WARNING] : [] };
}

/** The private key as base64url (32 raw bytes) or PEM, typed in or from a file. */
function readPrivateKey(fields: ImportFields): Buffer {
  const fromFile = fields.file?.toString('utf8').trim();
  const text = (fields.privateKey?.trim() || fromFile) ?? '';
  if (text === '') throw invalid('Paste the VAPID private key (base64url or PEM), or generate a new pair.');
  if (text.includes('-----BEGIN')) {
    let key;
    try {
      key = createPrivateKey(text);
    } catch {
      throw invalid('The VAPID private key PEM could not be read.');
    }
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw invalid('The VAPID key must be an EC P-256 key.');
    }
    return Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url');
  }
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) {
    throw invalid('The VAPID private key is neither base64url nor PEM.');
  }
  const raw = Buffer.from(text, 'base64url');
  if (raw.length !== 32) {
    throw invalid(`The VAPID private key is ${raw.length} bytes; a P-256 private key is 32 bytes.`);
  }
  return raw;
}

export function parseVapid(fields: ImportFields): ParsedCredential<VapidSecret> {
  const { subject, warnings } = checkSubject(fields.subject);
  let pair: { publicKey: string; privateKey: string };
  try {
    pair = fromScalar(readPrivateKey(fields));
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw invalid('The VAPID private key is not a valid P-256 private key.');
  }
  const given = fields.publicKey?.trim();
  if (given && given.replace(/=+$/, '') !== pair.publicKey) {
    throw invalid('The public key does not match the private key.', 'Leave the public key empty to derive it.');
  }
  return {
    secret: { kind: 'vapid', publicKey: pair.publicKey, privateKey: pair.privateKey, subject },
    metadata: { publicKey: pair.publicKey, subject },
    warnings,
    suggestedLabel: `VAPID ${pair.publicKey.slice(0, 8)}`,
  };
}
