import type { PreflightIssue } from '../../../shared/preflight/types';
import type { ShownError } from '../../bridge';

interface Props {
  issues: readonly PreflightIssue[];
  error: ShownError | null;
  /** Why the last offered fix could not be applied, if it could not. */
  fixError?: string | null;
  onJump(issue: PreflightIssue): void;
  onFix(issue: PreflightIssue): void;
}

const ICON = { error: '✕', warning: '!', info: 'i' } as const;

/**
 * Preflight findings under the editor; errors block sending, each one jumps to its place, and an
 * offered fix is a button of its own (reachable with Tab, like the finding).
 */
export function PreflightList({ issues, error, fixError, onJump, onFix }: Props) {
  const fixNote = fixError ? (
    <p className="field-error" role="alert" data-testid="preflight-fix-error">
      {fixError}
    </p>
  ) : null;
  if (error) {
    return (
      <p className="preflight-note preflight-error" role="alert" data-testid="preflight-unavailable">
        <span className="preflight-icon">✕</span> Preflight could not check this send: {error.message}
        {error.hint && <span className="hint"> {error.hint}</span>}
      </p>
    );
  }
  if (issues.length === 0) {
    return (
      <>
        <p className="preflight-ok" data-testid="preflight-ok">
          ✓ Preflight found nothing to fix.
        </p>
        {fixNote}
      </>
    );
  }
  return (
    <>
      <ul className="preflight" data-testid="preflight" aria-label="Preflight">
        {issues.map((issue, index) => (
          <li
            key={`${issue.code}-${index}`}
            className={`preflight-row preflight-${issue.severity}`}
            data-code={issue.code}
            data-testid="preflight-issue"
          >
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
            {issue.fix && (
              <button
                type="button"
                className="preflight-fix"
                data-testid="preflight-fix"
                data-fix={issue.fix.id}
                onClick={() => onFix(issue)}
              >
                {issue.fix.label}
              </button>
            )}
          </li>
        ))}
      </ul>
      {fixNote}
    </>
  );
}
