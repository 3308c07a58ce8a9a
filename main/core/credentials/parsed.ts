import { AppError } from '../../../shared/errors';
import type { CredentialSecret } from './types';

/** What a parser hands the service: the secret for the keychain and the facts the UI may show. */
export interface ParsedCredential<S extends { kind: string } = CredentialSecret> {
  secret: S;
  metadata: Record<string, unknown>;
  warnings: string[];
  /** A label to offer when the user gave none. */
  suggestedLabel: string;
}

/** Input common to every parser: the file's bytes (already decoded) and the typed fields. */
export interface ImportFields {
  file?: Buffer | undefined;
  fileName?: string | undefined;
  /** A second file: the PEM key next to a PEM certificate. */
  keyFile?: Buffer | undefined;
  keyId?: string | undefined;
  teamId?: string | undefined;
  passphrase?: string | undefined;
  packageSid?: string | undefined;
  tenantId?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  publicKey?: string | undefined;
  privateKey?: string | undefined;
  subject?: string | undefined;
  connectionString?: string | undefined;
  hubName?: string | undefined;
}

export function invalid(message: string, hint?: string): AppError {
  return new AppError('CREDENTIAL_INVALID', message, hint);
}

export function requireFile(fields: ImportFields, what: string): Buffer {
  if (!fields.file || fields.file.length === 0) throw invalid(`Choose ${what} to import.`);
  return fields.file;
}

export function fileLabel(fields: ImportFields, fallback: string): string {
  return fields.fileName ? `"${fields.fileName}"` : fallback;
}
