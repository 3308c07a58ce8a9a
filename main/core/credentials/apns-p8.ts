import { createPrivateKey, type KeyObject } from 'node:crypto';
import { fileLabel, invalid, requireFile, type ImportFields, type ParsedCredential } from './parsed';

export interface ApnsTokenSecret {
  kind: 'apns-token';
  /** PKCS#8 PEM of the P-256 key from the .p8 file. */
  keyPem: string;
  keyId: string;
  teamId: string;
}

const APPLE_ID = /^[A-Z0-9]{10}$/;

/** The 10-character key id Apple puts in the name of the download, `AuthKey_ABC123DEFG.p8`. */
export function keyIdFromFileName(fileName: string | undefined): string | undefined {
  const match = /AuthKey_([A-Za-z0-9]{10})\.p8$/.exec(fileName ?? '');
  return match ? match[1]!.toUpperCase() : undefined;
}

export function checkAppleId(value: string | undefined, name: 'Key ID' | 'Team ID'): string {
  const trimmed = (value ?? '').trim().toUpperCase();
  if (trimmed === '')
    throw invalid(`${name} is required: the 10 characters Apple shows next to the key (e.g. ABC123DEFG).`);
  if (!APPLE_ID.test(trimmed)) {
    throw invalid(
      `${name} must be exactly 10 letters or digits, not "${trimmed.slice(0, 40)}" (${trimmed.length} characters).`,
      name === 'Team ID'
        ? 'Find it under Membership in the Apple Developer portal.'
        : 'Find it under Keys in the Apple Developer portal.',
    );
  }
  return trimmed;
}

/** An APNs auth key: a PKCS#8 PEM with an EC P-256 key, plus the key id and team id. */
export function parseApnsP8(fields: ImportFields): ParsedCredential<ApnsTokenSecret> {
  const text = requireFile(fields, 'the .p8 key file').toString('utf8');
  const name = fileLabel(fields, 'This file');
  if (!text.includes('-----BEGIN')) {
    throw invalid(
      `${name} is not a PEM file; an APNs .p8 key starts with "-----BEGIN PRIVATE KEY-----".`,
      'Download the key again from Certificates, Identifiers & Profiles → Keys.',
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw invalid(
      `${name} holds no readable private key.`,
      'An APNs .p8 key is a PKCS#8 PEM; check the file is complete.',
    );
  }
  if (key.asymmetricKeyType !== 'ec') {
    throw invalid(
      `${name} is an ${String(key.asymmetricKeyType).toUpperCase()} key; APNs token auth needs the EC P-256 key (.p8) from Apple.`,
    );
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'prime256v1') {
    throw invalid(`${name} is an EC key on curve ${curve ?? 'unknown'}; APNs needs P-256 (prime256v1).`);
  }
  const guessed = keyIdFromFileName(fields.fileName);
  const keyId = checkAppleId(fields.keyId?.trim() ? fields.keyId : guessed, 'Key ID');
  const teamId = checkAppleId(fields.teamId, 'Team ID');
  return {
    secret: {
      kind: 'apns-token',
      keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
      keyId,
      teamId,
    },
    metadata: {
      keyId,
      teamId,
      keyIdFromFileName: !fields.keyId?.trim() && guessed !== undefined,
      // Kept so the check can compare the key id typed in with the one Apple put in the file name.
      ...(guessed !== undefined ? { fileNameKeyId: guessed } : {}),
    },
    warnings: [],
    suggestedLabel: `APNs key ${keyId}`,
  };
}
