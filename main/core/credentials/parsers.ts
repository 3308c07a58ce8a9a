import type { CredentialKind } from '../../../shared/domain/credential';
import { parseApnsCertificate } from './apns-p12';
import { parseApnsP8 } from './apns-p8';
import { parseFcmServiceAccount } from './fcm-service-account';
import { parseNhub } from './nhub-connection-string';
import type { ImportFields, ParsedCredential } from './parsed';
import { parseVapid } from './vapid';
import { parseWns } from './wns';

/** One parser per credential kind; each throws AppError CREDENTIAL_INVALID with a human message. */
export const parsers: { [K in CredentialKind]: (fields: ImportFields) => ParsedCredential } = {
  'apns-token': parseApnsP8,
  'apns-certificate': parseApnsCertificate,
  'fcm-service-account': parseFcmServiceAccount,
  wns: parseWns,
  vapid: parseVapid,
  nhub: parseNhub,
};
