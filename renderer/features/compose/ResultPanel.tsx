import type { SendResult } from '../../../shared/domain/send-result';
import type { ShownError } from '../../bridge';
import { formatTime } from '../../../shared/time-format';
import { AgainstPreflight } from '../../components/AgainstPreflight';
import { DiagnosisView } from '../../components/DiagnosisView';

interface Props {
  result: SendResult | null;
  error: ShownError | null;
  sending: boolean;
  onCancel(): void;
  onOpenExchange(id: string): void;
}

/** What happened to the last send: outcome, status, reason with its meaning and fix, ids, timing. */
export function ResultPanel({ result, error, sending, onCancel, onOpenExchange }: Props) {
  if (sending) {
    return (
      <section className="result result-running" data-testid="result-running">
        <span className="spinner" aria-hidden="true" /> Sending…
        <button type="button" data-testid="send-cancel" onClick={onCancel}>
          Cancel (Esc)
        </button>
      </section>
    );
  }
  if (error) {
    return (
      <section className="result result-failed" data-testid="result-error" role="alert">
        <strong>Not sent: </strong>
        <span data-testid="result-error-message">{error.message}</span>
        {error.hint && <p className="hint">{error.hint}</p>}
      </section>
    );
  }
  if (!result) return null;
  return (
    <section className={`result result-${result.outcome}`} data-testid="result">
      <div className="result-head">
        <strong data-testid="result-outcome">{result.outcome}</strong>
        <span data-testid="result-status">{result.status ?? 'no response'}</span>
        {result.reason && <code data-testid="result-reason">{result.reason}</code>}
        <span className="result-duration">{Math.round(result.durationMs)} ms</span>
      </div>
      <AgainstPreflight issues={result.sentAgainstPreflight} testId="result-against-preflight" />
      {result.explanation && <p>{result.explanation}</p>}
      {result.hint && <p className="hint">{result.hint}</p>}
      {Object.keys(result.messageIds).length > 0 && (
        <dl className="facts">
          {Object.entries(result.messageIds).map(([name, value]) => (
            <div key={name} className="fact-row">
              <dt>{name}</dt>
              <dd>
                <code data-testid={`result-id-${name}`}>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {result.retryable && (
        <p className="hint">Retryable{result.retryAfterSeconds ? ` after ${result.retryAfterSeconds} s` : ''}.</p>
      )}
      {result.deviceStateChange && (
        <p className="hint">
          Device marked gone ({result.deviceStateChange.reason}) at{' '}
          {formatTime(result.deviceStateChange.at, { date: true })}.
        </p>
      )}
      {result.diagnosis && <DiagnosisView diagnosis={result.diagnosis} />}
      {result.exchangeIds.length > 0 && (
        <button
          type="button"
          className="link"
          data-testid="result-open-exchange"
          onClick={() => onOpenExchange(result.exchangeIds.at(-1)!)}
        >
          Open the exchange ({result.exchangeIds.length})
        </button>
      )}
    </section>
  );
}
