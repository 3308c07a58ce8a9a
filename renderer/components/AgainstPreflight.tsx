import type { SendResult } from '../../shared/domain/send-result';
import './against-preflight.css';

/**
 * The mark on a result sent with Send anyway: what preflight found, so a refusal read later (in
 * History, or the composer's result) is not mistaken for a service's surprise.
 */
export function AgainstPreflight({ issues, testId }: { issues: SendResult['sentAgainstPreflight']; testId: string }) {
  if (!issues) return null;
  return (
    <div className="result-against" data-testid={testId}>
      <strong>⚠ Sent against preflight.</strong> It found:
      <ul>
        {issues.map((issue, index) => (
          <li key={`${issue.code}-${index}`}>{issue.message}</li>
        ))}
      </ul>
    </div>
  );
}
