import type { CredentialKind } from '../../../shared/domain/credential';
import { parseApnsCertificate } from './apns-p12';
import { parseApnsP8 } from './apns-p8';
import { parseFcmServiceAccount } from './fcm-service-account';
import { parseNhub } from './nhub-connection-string';
import type { ImportFields, ParsedCredential } from './parsed';
import type { SecretOf } from './types';
import { parseVapid } from './vapid';
import { parseWns } from './wns';

/**
 * One parser per credential kind; each throws AppError CREDENTIAL_INVALID with a human message.
 * Typed per kind, so a kind whose secret is missing from `CredentialSecret` (types.ts) has
 * `SecretOf<K> = never` and its parser fails to compile.
 */
export const parsers: { [K in CredentialKind]: (fields: ImportFields) => ParsedCredential<SecretOf<K>> } = {
  'apns-token': parseApnsP8,
  'apns-certificate': parseApnsCertificate,
  'fcm-service-account': parseFcmServiceAccount,
  wns: parseWns,
  vapid: parseVapid,
  nhub: parseNhub,
};
