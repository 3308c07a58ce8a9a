import type { CredentialFields } from '../../../shared/domain/credential';
import { AppError, isAppError } from '../../../shared/errors';
import { sentences } from '../../../shared/text';
import type { Core } from '../core';
import type { ImportFields } from '../credentials/parsed';
import { generateVapidPair } from '../credentials/vapid';
import { requireLocalEnvironment } from '../local/local-env';
import type { CredentialCheck } from '../../../shared/domain/credential-check';
import { credentialChecker, providerOf } from '../providers/registry';
import type { Handlers } from './dispatcher';

type CredentialCalls =
  | 'credentials.list'
  | 'credentials.import'
  | 'credentials.rename'
  | 'credentials.replaceSecret'
  | 'credentials.remove'
  | 'credentials.test'
  | 'credentials.check'
  | 'credentials.generateVapid';

/** Turns the contract's base64 file fields into the bytes the parsers read. */
export function toImportFields(input: CredentialFields): ImportFields {
  const { fileBase64, keyFileBase64, ...rest } = input;
  return {
    ...rest,
    ...(fileBase64 !== undefined ? { file: Buffer.from(fileBase64, 'base64') } : {}),
    ...(keyFileBase64 !== undefined ? { keyFile: Buffer.from(keyFileBase64, 'base64') } : {}),
  };
}

export function credentialHandlers(core: Core): Pick<Handlers, CredentialCalls> {
  return {
    'credentials.list': async () => {
      const list = await core.credentials.list();
      // With no keychain at all every secret is out of reach; the keychain banner says so, not each row.
      if ((await core.secrets.status()).state === 'unavailable')
        return list.map((m) => ({ ...m, secretMissing: false }));
      return Promise.all(list.map(async (m) => ({ ...m, secretMissing: !(await core.credentials.hasSecret(m.id)) })));
    },
    'credentials.import': ({ kind, label, ...fields }) =>
      core.credentials.import({ kind, label, ...toImportFields(fields) }),
    'credentials.rename': ({ id, label }) => core.credentials.rename(id, label),
    'credentials.replaceSecret': ({ id, ...fields }) => core.credentials.replaceSecret(id, toImportFields(fields)),
    'credentials.remove': async ({ id }) => {
      await core.credentials.remove(id);
      return { removed: true as const };
    },
    'credentials.test': ({ id, environment }) => testCredential(core, id, environment),
    'credentials.check': ({ id }) => checkCredential(core, id),
    'credentials.generateVapid': ({ subject, label }) => {
      const pair = generateVapidPair();
      return core.credentials.import({ kind: 'vapid', label, subject, privateKey: pair.privateKey });
    },
  };
}

/**
 * Where a credential is tested when the caller does not say: where its profiles send. One used
 * only by `local` profiles (the sandbox's) talks to the emulators, with their CA, as its sends do;
 * anything else, or a credential no profile uses yet, is tested against the live service.
 */
export async function profileTestEnvironment(core: Core, credentialId: string): Promise<'live' | 'local'> {
  const profiles = (await core.profiles.list()).filter((profile) => profile.credentialId === credentialId);
  return profiles.length > 0 && profiles.every((profile) => profile.environment === 'local') ? 'local' : 'live';
}

/**
 * The one credential test, for the UI and the CLI: the provider that owns the credential's kind
 * proves it (offline where that proves enough, against the token endpoint or local hub where not).
 * A credential that does not work is an answer, `{ ok: false }`, not an error.
 */
export async function testCredential(
  core: Core,
  id: string,
  environment?: 'live' | 'local',
): Promise<{ ok: boolean; message: string }> {
  const credential = await core.credentials.resolve(id);
  const provider = core.providers[providerOf(credential.meta.kind)];
  const where = environment ?? (await profileTestEnvironment(core, credential.meta.id));
  const local = where === 'local' ? await requireLocalEnvironment(core.dataDir) : null;
  try {
    const message = await provider.testCredential(credential, { transport: core.transport, credential, local });
    return { ok: true, message };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: sentences(error.message, error.hint) };
    throw error instanceof Error
      ? new AppError('NETWORK', sentences(error.message.split('\n')[0]!.slice(0, 200)))
      : error;
  }
}

/**
 * The credential doctor, for the UI and the CLI: the owning provider's check rules read the key or
 * certificate and, where a harmless call can tell, ask the service where the profiles send.
 * Findings are facts and fixes only; the secret stays here.
 */
export async function checkCredential(core: Core, id: string): Promise<CredentialCheck> {
  const credential = await core.credentials.resolve(id);
  const profiles = (await core.profiles.list()).filter((profile) => profile.credentialId === credential.meta.id);
  const environment = await profileTestEnvironment(core, credential.meta.id);
  const local = environment === 'local' ? await requireLocalEnvironment(core.dataDir) : null;
  const findings = await credentialChecker(credential.meta.kind)(credential, {
    transport: core.transport,
    local,
    environment,
    profiles,
    now: Date.now(),
  });
  const { id: credentialId, label, kind } = credential.meta;
  return { id: credentialId, label, kind, environment, findings };
}
