import type { CredentialFindingSeverity } from '../../../shared/domain/credential-check';
import { useCredentials } from '../../state/credentials';

/** An icon and a word per severity: the panel reads the same without colour. */
const SEVERITY: Record<CredentialFindingSeverity, { icon: string; word: string }> = {
  ok: { icon: '✓', word: 'OK' },
  warning: { icon: '!', word: 'Warning' },
  problem: { icon: '✗', word: 'Problem' },
};

/** The credential doctor's findings for one row, under it, until closed. */
export function CheckPanel({ id }: { id: string }) {
  const outcome = useCredentials((s) => s.checks[id]);
  const close = useCredentials((s) => s.closeCheck);
  if (!outcome) return null;
  return (
    <section
      className="cred-check"
      data-testid="cred-check-panel"
      aria-label="Credential check"
      aria-busy={outcome.state === 'running'}
    >
      <header className="cred-check-head">
        <strong>Check</strong>
        {outcome.state === 'done' && (
          <span className="cred-check-where">
            {outcome.check.environment === 'local' ? 'against the local emulators' : 'against the live service'}
          </span>
        )}
        <button type="button" data-testid="cred-check-close" onClick={() => close(id)} aria-label="Close the check">
          Close
        </button>
      </header>
      {outcome.state === 'running' && <p role="status">Checking…</p>}
      {outcome.state === 'failed' && (
        <p role="alert" className="cred-check-failed">
          {outcome.message}
        </p>
      )}
      {outcome.state === 'done' && (
        <ul className="cred-findings">
          {outcome.check.findings.map((finding, index) => (
            <li
              key={index}
              className={`cred-finding cred-finding-${finding.severity}`}
              data-testid="cred-finding"
              data-severity={finding.severity}
            >
              <span className="cred-finding-mark" aria-hidden="true">
                {SEVERITY[finding.severity].icon}
              </span>
              <span className="cred-finding-severity">{SEVERITY[finding.severity].word}</span>
              <strong className="cred-finding-title">{finding.title}</strong>
              <span className="cred-finding-fact">{finding.fact}</span>
              {finding.todo && <span className="cred-finding-todo">→ {finding.todo}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
