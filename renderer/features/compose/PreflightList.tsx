import type { PreflightIssue } from '../../../shared/preflight/types';

interface Props {
  issues: readonly PreflightIssue[];
  error: string | null;
  onJump(issue: PreflightIssue): void;
}

const ICON = { error: '✕', warning: '!', info: 'i' } as const;

/** Preflight findings under the editor; errors block sending, and each one jumps to its place. */
export function PreflightList({ issues, error, onJump }: Props) {
  if (error) return <p className="preflight-note">Preflight unavailable: {error}</p>;
  if (issues.length === 0) {
    return (
      <p className="preflight-ok" data-testid="preflight-ok">
        ✓ Preflight found nothing to fix.
      </p>
    );
  }
  return (
    <ul className="preflight" data-testid="preflight" aria-label="Preflight">
      {issues.map((issue, index) => (
        <li key={`${issue.code}-${index}`} className={`preflight-${issue.severity}`}>
          <button
            type="button"
            className="preflight-item"
            data-testid={`preflight-${issue.severity}`}
            onClick={() => onJump(issue)}
          >
            <span className="preflight-icon" aria-label={issue.severity}>
              {ICON[issue.severity]}
            </span>
            <span className="preflight-message">{issue.message}</span>
            {issue.path && <code className="preflight-path">{issue.path}</code>}
          </button>
        </li>
      ))}
    </ul>
  );
}
