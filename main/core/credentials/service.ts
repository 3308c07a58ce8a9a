import { randomUUID } from 'node:crypto';
import type { CredentialKind, CredentialMeta } from '../../../shared/domain/credential';
import { CREDENTIAL_MANAGED_BY as MANAGED_BY } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { expiryWarnings, isExpired } from './apple-certificate';
import type { SecretStore } from './keychain';
import { CredentialMetadataFile } from './metadata-file';
import type { ImportFields, ParsedCredential } from './parsed';
import { credentialParser } from '../providers/registry';
import type { CredentialResolver, CredentialSecret, ResolvedCredential, ResolveOptions } from './types';

export interface CredentialServiceDeps {
  secrets: SecretStore;
  workspaceDir: string;
  now?: () => number;
}

export interface ImportRequest extends ImportFields {
  kind: CredentialKind;
  label?: string | undefined;
  /**
   * Who made it, kept in its metadata as `managedBy` (the sandbox marks its demo credentials so
   * it can make their secrets again). Main only: the contract's import has no such field.
   */
  managedBy?: string | undefined;
}

/** Everything the app does with credentials; secrets go in, only metadata comes out. */
export interface CredentialService extends CredentialResolver {
  list(): Promise<CredentialMeta[]>;
  get(idOrLabel: string): Promise<CredentialMeta>;
  import(request: ImportRequest): Promise<CredentialMeta>;
  rename(id: string, label: string): Promise<CredentialMeta>;
  /** Same kind, same id and label, new secret (and the metadata that comes with it). */
  replaceSecret(id: string, fields: ImportFields): Promise<CredentialMeta>;
  /** Deletes the metadata and the keychain entry. */
  remove(id: string): Promise<void>;
  /**
   * Whether the secret store holds this credential's secret (it may be gone: a run that kept
   * secrets in memory ended, or the keychain entry was deleted). The secret never leaves main.
   */
  hasSecret(id: string): Promise<boolean>;
}

export function createCredentialService(deps: CredentialServiceDeps): CredentialService {
  const file = new CredentialMetadataFile(deps.workspaceDir);
  const now = deps.now ?? Date.now;

  // Expiry warnings depend on today, so they are added on the way out rather than stored.
  const present = (meta: CredentialMeta): CredentialMeta => {
    const notAfter = meta.metadata['notAfter'];
    if (meta.kind !== 'apns-certificate' || typeof notAfter !== 'string') return meta;
    return { ...meta, warnings: [...meta.warnings, ...expiryWarnings(notAfter, now())] };
  };

  const find = (list: CredentialMeta[], idOrLabel: string): CredentialMeta => {
    const wanted = idOrLabel.trim();
    const found =
      list.find((meta) => meta.id === wanted) ??
      list.find((meta) => meta.label === wanted) ??
      list.find((meta) => meta.label.toLowerCase() === wanted.toLowerCase());
    if (!found) {
      throw new AppError(
        'NOT_FOUND',
        `No credential named "${wanted.slice(0, 80)}".`,
        'Import it on the Credentials screen or with "push-console credentials add".',
      );
    }
    return found;
  };

  const requireKeychain = async (): Promise<void> => {
    const status = await deps.secrets.status();
    if (status.state === 'unavailable') {
      throw new AppError('KEYCHAIN_UNAVAILABLE', `${status.message} Credentials cannot be imported.`, status.hint);
    }
  };

  const parse = (kind: CredentialKind, fields: ImportFields): ParsedCredential => {
    return credentialParser(kind)(fields);
  };

  const storedWarnings = (parsed: ParsedCredential): string[] =>
    // Expiry is recomputed on every read; keep only the warnings that do not age.
    parsed.secret.kind === 'apns-certificate'
      ? parsed.warnings.filter((warning) => !/^(Expired on|Expires in)/.test(warning))
      : parsed.warnings;

  return {
    async list() {
      return (await file.read()).map(present);
    },

    async get(idOrLabel) {
      return present(find(await file.read(), idOrLabel));
    },

    async import(request) {
      await requireKeychain();
      const parsed = parse(request.kind, request);
      const id = randomUUID();
      let stored = false;
      try {
        const meta = await file.update(async (list) => {
          const label = uniqueLabel(
            list,
            request.label?.trim() || parsed.suggestedLabel,
            Boolean(request.label?.trim()),
          );
          // The secret goes in first (metadata without its secret would be listed but unusable);
          // if the metadata is then not written, the entry is deleted below, so none is orphaned.
          stored = true;
          await deps.secrets.set(id, JSON.stringify(parsed.secret));
          const created: CredentialMeta = {
            id,
            kind: request.kind,
            label,
            createdAt: new Date(now()).toISOString(),
            metadata: request.managedBy ? { ...parsed.metadata, [MANAGED_BY]: request.managedBy } : parsed.metadata,
            warnings: storedWarnings(parsed),
          };
          return { list: [...list, created], result: created };
        });
        return present(meta);
      } catch (error) {
        if (stored) await deps.secrets.delete(id).catch(() => false);
        throw error;
      }
    },

    async rename(id, label) {
      const wanted = label.trim();
      if (wanted === '') throw new AppError('INVALID_INPUT', 'A label cannot be empty.');
      if (wanted.length > 120) throw new AppError('INVALID_INPUT', 'A label can be 120 characters at most.');
      const meta = await file.update((list) => {
        const target = find(list, id);
        const clash = list.find((meta) => meta.id !== target.id && meta.label.toLowerCase() === wanted.toLowerCase());
        if (clash) throw new AppError('CONFLICT', `Another credential is already called "${wanted}".`);
        const renamed = { ...target, label: wanted };
        return { list: list.map((meta) => (meta.id === target.id ? renamed : meta)), result: renamed };
      });
      return present(meta);
    },

    async replaceSecret(id, fields) {
      await requireKeychain();
      // Put back if the new metadata is not written, so the secret and its metadata stay a pair.
      let previous: { id: string; secret: string | null } | undefined;
      try {
        const meta = await file.update(async (list) => {
          const target = find(list, id);
          const parsed = parse(target.kind, fields);
          previous = { id: target.id, secret: await deps.secrets.get(target.id) };
          await deps.secrets.set(target.id, JSON.stringify(parsed.secret));
          // Who made it is not a fact of the secret: it survives a new one.
          const managedBy = target.metadata[MANAGED_BY];
          const metadata = managedBy === undefined ? parsed.metadata : { ...parsed.metadata, [MANAGED_BY]: managedBy };
          const replaced = { ...target, metadata, warnings: storedWarnings(parsed) };
          return { list: list.map((meta) => (meta.id === target.id ? replaced : meta)), result: replaced };
        });
        return present(meta);
      } catch (error) {
        if (previous?.secret) await deps.secrets.set(previous.id, previous.secret).catch(() => undefined);
        throw error;
      }
    },

    async remove(id) {
      await file.update(async (list) => {
        const target = find(list, id);
        await deps.secrets.delete(target.id);
        return { list: list.filter((meta) => meta.id !== target.id), result: undefined };
      });
    },

    async hasSecret(id) {
      return (await deps.secrets.get(find(await file.read(), id).id)) !== null;
    },

    async resolve(idOrLabel, options: ResolveOptions = {}): Promise<ResolvedCredential> {
      const meta = present(find(await file.read(), idOrLabel));
      if (options.forSend && meta.kind === 'apns-certificate' && isExpired(meta.metadata['notAfter'], now())) {
        const day = String(meta.metadata['notAfter']).slice(0, 10);
        throw new AppError(
          'CREDENTIAL_EXPIRED',
          `The certificate "${meta.label}" expired on ${day}; renew it in the Apple Developer portal.`,
          'Then use "Replace secret" on the Credentials screen to load the new .p12.',
        );
      }
      const stored = await deps.secrets.get(meta.id);
      if (stored === null) {
        throw new AppError(
          'NOT_FOUND',
          `The secret of "${meta.label}" is missing from the keychain.`,
          'Use "Replace secret" to load it again, or delete and re-import the credential.',
        );
      }
      const secret = readSecret(stored, meta);
      return { meta, secret } as ResolvedCredential;
    },
  };
}

function readSecret(stored: string, meta: CredentialMeta): CredentialSecret {
  let secret: unknown;
  try {
    secret = JSON.parse(stored);
  } catch {
    secret = null;
  }
  if (typeof secret !== 'object' || secret === null || (secret as { kind?: unknown }).kind !== meta.kind) {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `The keychain entry of "${meta.label}" is not a ${meta.kind} secret.`,
      'Use "Replace secret" to load it again.',
    );
  }
  return secret as CredentialSecret;
}

function uniqueLabel(list: CredentialMeta[], wanted: string, chosen: boolean): string {
  const taken = new Set(list.map((meta) => meta.label.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  if (chosen)
    throw new AppError('CONFLICT', `Another credential is already called "${wanted}".`, 'Pick another label.');
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
