import type { CredentialFields } from '../../../shared/domain/credential';
import { AppError, isAppError } from '../../../shared/errors';
import type { Core } from '../core';
import { selfTest } from '../credentials/self-test';
import type { ImportFields } from '../credentials/parsed';
import { generateVapidPair } from '../credentials/vapid';
import { requireLocalEnvironment } from '../local/local-env';
import type { Handlers } from './dispatcher';

type CredentialCalls =
  | 'credentials.list'
  | 'credentials.import'
  | 'credentials.rename'
  | 'credentials.replaceSecret'
  | 'credentials.remove'
  | 'credentials.test'
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
    'credentials.list': () => core.credentials.list(),
    'credentials.import': ({ kind, label, ...fields }) =>
      core.credentials.import({ kind, label, ...toImportFields(fields) }),
    'credentials.rename': ({ id, label }) => core.credentials.rename(id, label),
    'credentials.replaceSecret': ({ id, ...fields }) => core.credentials.replaceSecret(id, toImportFields(fields)),
    'credentials.remove': async ({ id }) => {
      await core.credentials.remove(id);
      return { removed: true as const };
    },
    'credentials.test': ({ id, environment }) => testCredential(core, id, environment ?? 'live'),
    'credentials.generateVapid': ({ subject, label }) => {
      const pair = generateVapidPair();
      return core.credentials.import({ kind: 'vapid', label, subject, privateKey: pair.privateKey });
    },
  };
}

/** Offline checks where they prove enough; FCM and WNS ask their provider for a real token. */
export async function testCredential(
  core: Core,
  id: string,
  environment: 'live' | 'local',
): Promise<{ ok: boolean; message: string }> {
  const credential = await core.credentials.resolve(id);
  const offline = selfTest(credential);
  if (offline) return offline;
  const provider =
    credential.meta.kind === 'fcm-service-account'
      ? core.providers.fcm
      : credential.meta.kind === 'wns'
        ? core.providers.wns
        : null;
  const name = credential.meta.kind === 'wns' ? 'WNS' : 'FCM';
  if (!provider?.testCredential) {
    return {
      ok: false,
      message: `An online check of this ${name} credential needs the ${name} client, which is not built yet.`,
    };
  }
  const local = environment === 'local' ? await requireLocalEnvironment(core.dataDir) : null;
  try {
    const message = await provider.testCredential(credential, { transport: core.transport, credential, local });
    return { ok: true, message };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.hint ? `${error.message} ${error.hint}` : error.message };
    throw error instanceof Error ? new AppError('NETWORK', error.message.split('\n')[0]!.slice(0, 200)) : error;
  }
}
