import { isSandboxCredential } from '../../../shared/contract';
import type { CredentialMeta } from '../../../shared/domain/credential';
import { useAppInfo } from '../../state/app-info';
import { useNavigation } from '../../state/navigation';

/**
 * Said on a credential whose secret main could not find: what happened and what to do. The
 * sandbox's own credentials are made again by "Try it locally"; others need their secret back.
 */
export function SecretMissing({ meta }: { meta: CredentialMeta }) {
  const memory = useAppInfo((s) => s.info?.keychain.state === 'ephemeral');
  const go = useNavigation((s) => s.go);
  const where = memory
    ? 'Its secret is gone: secrets are kept in memory only, and the run that held it has ended.'
    : 'Its secret is no longer in the keychain.';
  return (
    <div className="cred-warning" role="status" data-testid="cred-secret-missing-help">
      {where}{' '}
      {isSandboxCredential(meta) ? (
        <>
          It is a demo credential of “Try it locally”: press <strong>Try it locally</strong> on the Emulators screen to
          make a new one.{' '}
          <button type="button" className="link" data-testid="cred-open-sandbox" onClick={() => go('emulators')}>
            Open Emulators
          </button>
        </>
      ) : (
        <>Use “Replace secret” to load it again, or delete the credential and import it anew.</>
      )}
    </div>
  );
}
