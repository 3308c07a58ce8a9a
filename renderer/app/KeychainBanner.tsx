import { ErrorLine } from '../components/ErrorLine';
import { useAppInfo } from '../state/app-info';

/**
 * Shown whenever secrets cannot be stored, so nobody imports a credential and loses it, with the
 * one way out that works here and now: memory for this run, taken only by an explicit click.
 */
export function KeychainBanner() {
  const keychain = useAppInfo((state) => state.info?.keychain);
  const keptInMemory = useAppInfo((state) => state.keptInMemory);
  const memoryError = useAppInfo((state) => state.memoryError);
  const keepSecretsInMemory = useAppInfo((state) => state.keepSecretsInMemory);
  if (keychain?.state === 'ephemeral' && keptInMemory) {
    return (
      <div className="banner banner-note" role="status" data-testid="keychain-banner">
        Secrets are kept in memory for this run: credentials you add work until Push Console stops, then their secrets
        are gone.
      </div>
    );
  }
  if (!keychain || keychain.state !== 'unavailable') return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="keychain-banner">
      <strong data-testid="keychain-banner-message">{keychain.message}</strong> {keychain.hint}
      <div className="banner-actions">
        <button type="button" data-testid="keep-secrets-in-memory" onClick={() => void keepSecretsInMemory()}>
          Keep secrets in memory for this run
        </button>
      </div>
      <ErrorLine error={memoryError} />
    </div>
  );
}
