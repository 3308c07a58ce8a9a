import { useAppInfo } from '../state/app-info';

/** What this session is: proves the contract path end to end and tells the user where data lives. */
export function AppInfoPanel() {
  const { info, error, load } = useAppInfo();
  if (error) {
    return (
      <section className="panel" role="alert" data-testid="app-info-error">
        <h3>Could not reach Push Console</h3>
        <p>{error.message}</p>
        {error.hint && <p className="hint">{error.hint}</p>}
        <button onClick={() => void load()}>Try again</button>
      </section>
    );
  }
  if (!info) return <section className="panel">Connecting…</section>;
  return (
    <section className="panel" data-testid="app-info">
      <h3>This session</h3>
      <dl className="facts">
        <dt>Version</dt>
        <dd data-testid="app-info-version">{info.version}</dd>
        <dt>Mode</dt>
        <dd data-testid="app-info-mode">{info.mode}</dd>
        <dt>Keychain</dt>
        <dd data-testid="app-info-keychain">
          {info.keychain.state} — {info.keychain.message}
          {info.keychain.detail && <div className="hint">{info.keychain.detail}</div>}
        </dd>
        <dt>Workspace</dt>
        <dd>
          <code>{info.workspaceDir}</code>
        </dd>
        <dt>Data</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
      </dl>
    </section>
  );
}
