import { useAppInfo } from '../state/app-info';

/** Shown whenever secrets cannot be stored, so nobody imports a credential and loses it. */
export function KeychainBanner() {
  const keychain = useAppInfo((state) => state.info?.keychain);
  if (!keychain || keychain.state !== 'unavailable') return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="keychain-banner">
      <strong>{keychain.message}</strong> {keychain.hint}
    </div>
  );
}
