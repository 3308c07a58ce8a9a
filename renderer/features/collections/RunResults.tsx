import type { RequestVerdict } from '../../../shared/collections/report';
import { runSentence, type RunningRun, useCollections } from '../../state/collections';

const VERDICT_WORDS: Record<RequestVerdict, { sign: string; word: string }> = {
  passed: { sign: '✓', word: 'passed' },
  failed: { sign: '✗', word: 'failed' },
  error: { sign: '!', word: 'error' },
  skipped: { sign: '–', word: 'skipped' },
};

/**
 * A run: while it runs, a spinner and how many requests it sends (collections.run answers once,
 * at the end, so there is no per-request progress to show); then each request's verdict with
 * every check ✓/✗ and its message. An error (not sent, no answer) is told apart from a failure.
 */
export function RunResults(props: { running: RunningRun | null; onRerunFailed(paths: string[]): void }) {
  const report = useCollections((state) => state.report);
  if (props.running) {
    const { count, collection, scope } = props.running;
    return (
      <section className="collection-run" data-testid="collection-running" aria-label="Run">
        <p>
          <span className="spinner" aria-hidden="true" /> Running {count} request{count === 1 ? '' : 's'} of{' '}
          {collection} ({scope})…
        </p>
        <p className="hint">The results show when the whole run has ended.</p>
      </section>
    );
  }
  if (!report) return null;
  const failed = report.requests.filter((r) => r.verdict === 'failed' || r.verdict === 'error').map((r) => r.path);
  return (
    <section className="collection-run" data-testid="collection-report" aria-labelledby="collection-report-title">
      <h2 id="collection-report-title">
        Run of {report.name} ({report.scope}
        {report.environment ? `, ${report.environment}` : ''})
      </h2>
      <p data-testid="collection-report-summary">
        <strong>{runSentence(report)}</strong> <span className="hint">{Math.round(report.durationMs)} ms</span>
      </p>
      <div className="toolbar">
        <button
          type="button"
          data-testid="collection-rerun-failed"
          disabled={failed.length === 0}
          title={failed.length === 0 ? 'Nothing failed' : undefined}
          onClick={() => props.onRerunFailed(failed)}
        >
          Rerun failed{failed.length > 0 ? ` (${failed.length})` : ''}
        </button>
      </div>
      <ol className="collection-results">
        {report.requests.map((request) => {
          const verdict = VERDICT_WORDS[request.verdict];
          return (
            <li
              key={request.path}
              className={`collection-result verdict-${request.verdict}`}
              data-testid="collection-result"
              data-path={request.path}
              data-verdict={request.verdict}
            >
              <div>
                <span className="verdict-sign" aria-hidden="true">
                  {verdict.sign}
                </span>{' '}
                <strong>{verdict.word}</strong> {request.name} <span className="hint">({request.provider})</span>{' '}
                {request.result && (
                  <span className="mono">
                    {request.result.status ?? 'no response'} {request.result.reason ?? ''}
                  </span>
                )}{' '}
                <span className="hint">{Math.round(request.durationMs)} ms</span>
              </div>
              {request.error && (
                <p className="field-error" data-testid="collection-result-error">
                  Error: {request.error}
                </p>
              )}
              {request.checks.length > 0 && (
                <ul className="collection-checks">
                  {request.checks.map((check, index) => (
                    <li
                      key={index}
                      className={check.ok ? 'check-ok' : 'check-failed'}
                      data-testid="collection-check"
                      data-ok={check.ok}
                    >
                      <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span>
                      <span className="sr-only">{check.ok ? 'holds:' : 'fails:'}</span> {check.message}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
