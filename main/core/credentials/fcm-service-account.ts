import { createPrivateKey } from 'node:crypto';
import { fileLabel, invalid, requireFile, type ImportFields, type ParsedCredential } from './parsed';

export interface FcmServiceAccountSecret {
  kind: 'fcm-service-account';
  projectId: string;
  clientEmail: string;
  privateKeyPem: string;
  privateKeyId?: string;
  tokenUri: string;
}

const HINT = 'Download a new key from Firebase console → Project settings → Service accounts.';

/** A Google service-account key JSON; every error names the field that is missing or wrong. */
export function parseFcmServiceAccount(fields: ImportFields): ParsedCredential<FcmServiceAccountSecret> {
  const name = fileLabel(fields, 'This file');
  let json: unknown;
  try {
    json = JSON.parse(requireFile(fields, 'the service account JSON').toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw invalid(`${name} is not JSON (${error.message.slice(0, 100)}).`, HINT);
    throw error;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(`${name} is JSON but not a service account object.`, HINT);
  }
  const record = json as Record<string, unknown>;
  const text = (field: string): string => {
    const value = record[field];
    if (value === undefined || value === null || value === '') throw invalid(`${name} has no "${field}".`, HINT);
    if (typeof value !== 'string') throw invalid(`"${field}" in ${name} must be a string.`, HINT);
    return field === 'private_key' ? value : value.trim();
  };
  const type = text('type');
  if (type !== 'service_account') {
    throw invalid(`"type" is "${type.slice(0, 40)}"; FCM needs a service account key (type "service_account").`, HINT);
  }
  const projectId = text('project_id');
  const clientEmail = text('client_email');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(clientEmail)) {
    throw invalid(`"client_email" is not an email address ("${clientEmail.slice(0, 80)}").`, HINT);
  }
  const privateKeyPem = text('private_key').replace(/\\n/g, '\n');
  let keyType: string | undefined;
  try {
    keyType = createPrivateKey(privateKeyPem).asymmetricKeyType;
  } catch {
    throw invalid('"private_key" is not a readable PEM private key.', HINT);
  }
  if (keyType !== 'rsa')
    throw invalid(`"private_key" is a ${String(keyType)} key; service accounts sign with RSA.`, HINT);
  const tokenUri = text('token_uri');
  let url: URL;
  try {
    url = new URL(tokenUri);
  } catch {
    throw invalid(`"token_uri" is not a URL ("${tokenUri.slice(0, 80)}").`, HINT);
  }
  if (url.protocol !== 'https:') throw invalid(`"token_uri" must be https, not ${url.protocol}.`, HINT);
  const privateKeyId = typeof record['private_key_id'] === 'string' ? record['private_key_id'] : undefined;
  return {
    secret: {
      kind: 'fcm-service-account',
      projectId,
      clientEmail,
      privateKeyPem,
      ...(privateKeyId ? { privateKeyId } : {}),
      tokenUri,
    },
    metadata: { projectId, clientEmail, ...(privateKeyId ? { keyId: privateKeyId } : {}), tokenUri },
    warnings: [],
    suggestedLabel: `FCM ${projectId}`,
  };
}
