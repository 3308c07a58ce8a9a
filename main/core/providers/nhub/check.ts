import type { CredentialFinding } from '../../../../shared/domain/credential-check';
import { isAppError } from '../../../../shared/errors';
import { errorFact, ok, problem, warning, type CheckContext, type CredentialChecker } from '../check';
import type { ResolvedCredential } from '../../credentials/types';
import { requireNhub, sendNhub } from './client';
import { NhubRegistrationsClient } from './registrations';
import { SasTokenCache } from './sas';

/** A tag no registration carries and an installation id no app uses: the probes reach nobody. */
export const PROBE_TAG = '$PushConsoleCredentialProbe';
const PROBE_INSTALLATION = 'push-console-credential-probe';

type Probe = 'granted' | 'refused' | { error: string };

/**
 * Notification Hubs: a connection string does not carry its rights, so each right is proven by
 * the cheapest call that needs it: reading one (absent) installation needs Listen, listing one
 * registration needs Manage, a test send to a tag nobody has needs Send. Each finding says what
 * the answer proved.
 */
export const checkNhubCredential: CredentialChecker = async (credential, context) => {
  const secret = requireNhub(credential);
  const sas = new SasTokenCache();
  const management = { transport: context.transport, credential, local: context.local };
  const client = new NhubRegistrationsClient(sas);
  const listen = await probe(async () => {
    try {
      await client.getInstallation(management, PROBE_INSTALLATION);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return; // Authorized: there is just no such installation.
      throw error;
    }
  });
  const manage = await probe(() => client.list(management, { filter: { by: 'all' }, top: 1 }));
  const send = await sendProbe(credential, context, sas);
  const key = `"${secret.keyName}"`;
  const findings: CredentialFinding[] = [];
  findings.push(
    right(
      'Listen',
      listen,
      `reading an installation (which needs Listen or Manage) was let through for key ${key}`,
      `the hub refused key ${key} a read of an installation (needs Listen)`,
    ),
    right(
      'Manage',
      manage,
      `listing registrations (which needs Manage) worked for key ${key}`,
      `the hub refused key ${key} a list of registrations (needs Manage)`,
    ),
    right(
      'Send',
      send,
      `a test send to the tag ${PROBE_TAG}, which no registration carries, was accepted for key ${key}`,
      `the hub refused key ${key} a test send (needs Send)`,
    ),
  );
  return findings;
};

function right(name: string, result: Probe, granted: string, refused: string): CredentialFinding {
  const title = `${name} right`;
  if (result === 'granted') return ok(title, `Proven: ${granted}.`);
  if (result === 'refused') {
    const todo =
      name === 'Send'
        ? 'Sends need a policy with Send: use DefaultFullSharedAccessSignature or add Send to this policy.'
        : name === 'Manage'
          ? 'Only needed for the Registrations view: use a policy with Manage.'
          : 'Apps registering themselves need Listen: use DefaultListenSharedAccessSignature in the app.';
    return (name === 'Send' ? problem : warning)(title, `Not granted: ${refused}.`, todo);
  }
  return warning(
    title,
    `Not proven: ${result.error}`,
    'Check the connection string and the hub name, then check again.',
  );
}

async function probe(call: () => Promise<unknown>): Promise<Probe> {
  try {
    await call();
    return 'granted';
  } catch (error) {
    if (isAppError(error) && error.code === 'FORBIDDEN' && /right|claim|Unauthori/i.test(error.message))
      return 'refused';
    return { error: errorFact(error) };
  }
}

async function sendProbe(credential: ResolvedCredential, context: CheckContext, sas: SasTokenCache): Promise<Probe> {
  const result = await sendNhub(
    {
      provider: 'nhub',
      credential: credential.meta.id,
      environment: context.local ? 'local' : 'production',
      target: PROBE_TAG,
      options: { format: 'template', targetKind: 'tags', test: true, headers: {}, apiVersion: '2020-06' },
      payload: '{}',
    },
    { transport: context.transport, credential, local: context.local },
    sas,
    { hubSample: false },
  );
  if (result.outcome === 'accepted') return 'granted';
  if (result.status === 401) return 'refused';
  return {
    error: `${result.reason ?? result.status ?? 'no answer'}${result.explanation ? `: ${result.explanation}` : ''}`,
  };
}
