import { useAppInfo } from '../state/app-info';

export function StatusBar() {
  const { info, error, connected } = useAppInfo();
  const keychain = info?.keychain;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-mode">
        {info ? (info.mode === 'electron' ? 'Desktop' : 'Browser mode') : error ? 'Not connected' : 'Connecting…'}
      </span>
      {!connected && <span className="status-warn">Reconnecting…</span>}
      {keychain && (
        <span
          data-testid="status-keychain"
          className={
            keychain.state === 'unavailable' ? 'status-warn' : keychain.state === 'ephemeral' ? 'status-note' : ''
          }
          title={keychain.hint ?? keychain.message}
        >
          {keychain.state === 'available'
            ? `Keychain: ${keychain.message}`
            : keychain.state === 'ephemeral'
              ? 'Secrets: memory only (ephemeral)'
              : 'Keychain: unavailable'}
        </span>
      )}
      <span className="spacer" />
      {info && (
        <span data-testid="status-version">
          {info.name} {info.version}
        </span>
      )}
    </footer>
  );
}
