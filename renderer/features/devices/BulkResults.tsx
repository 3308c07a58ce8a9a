import { useState } from 'react';
import { TargetNameView } from '../../components/TargetName';
import type { TargetName } from '../../../shared/devices/display-name';
import { useBulk } from '../../state/bulk';
import { download } from './download';

/**
 * A finished bulk send's results: per target with the device's name, or grouped by outcome and
 * reason ("10 × BadDeviceToken"); the rejected and failed targets can be saved as a list (one a
 * line, as the targets box and the CLI's --targets take).
 */
export function BulkResults({ running, nameTarget }: { running: boolean; nameTarget(target: string): TargetName }) {
  const bulk = useBulk();
  const [grouped, setGrouped] = useState(false);
  const page = bulk.page;
  if (!page) return null;
  const problems = (bulk.groups ?? []).filter((g) => g.outcome !== 'accepted').reduce((n, g) => n + g.count, 0);

  async function exportProblems() {
    const targets = await bulk.problemTargets();
    download('bulk-failed-targets.txt', targets.join('\n') + '\n', 'text/plain');
  }

  return (
    <>
      <div className="field-row">
        <button type="button" aria-pressed={!grouped} onClick={() => setGrouped(false)}>
          Per target
        </button>
        <button type="button" data-testid="bulk-group" aria-pressed={grouped} onClick={() => setGrouped(true)}>
          Grouped by reason
        </button>
        <button type="button" onClick={() => void bulk.loadResults()}>
          All
        </button>
        <button type="button" onClick={() => void bulk.loadResults({ outcome: 'rejected' })}>
          Rejected
        </button>
        <button type="button" onClick={() => void bulk.loadResults({ outcome: 'failed' })}>
          Failed
        </button>
        <button type="button" onClick={() => void bulk.loadResults({ retryable: true })}>
          Retryable
        </button>
        <button
          type="button"
          data-testid="bulk-retry"
          disabled={bulk.retryable === 0 || running}
          title="Send again to the targets whose failure may pass on a new try (5xx, 429, resets)"
          onClick={() => void bulk.retry()}
        >
          Retry {bulk.retryable} retryable
        </button>
        <button
          type="button"
          data-testid="bulk-export-problems"
          disabled={problems === 0}
          title="Download the rejected and failed targets, one a line"
          onClick={() => void exportProblems()}
        >
          Export {problems} undelivered targets…
        </button>
      </div>
      {grouped ? (
        <ul className="bulk-groups" data-testid="bulk-groups">
          {(bulk.groups ?? []).map((g) => (
            <li key={`${g.outcome}:${g.reason ?? ''}`} className={`row-${g.outcome}`} data-testid="bulk-group-row">
              {g.count.toLocaleString()} × {g.reason ?? g.outcome} <span className="hint">({g.outcome})</span>
            </li>
          ))}
        </ul>
      ) : (
        <>
          <table className="table" data-testid="bulk-results">
            <thead>
              <tr>
                <th>Target</th>
                <th>Outcome</th>
                <th>Status</th>
                <th>Reason</th>
                <th>Attempts</th>
                <th>Retryable</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((item) => (
                <tr key={item.index} className={`row-${item.outcome}`} data-testid="bulk-result">
                  <td className="ellipsis">
                    <TargetNameView name={nameTarget(item.target)} />
                  </td>
                  <td>{item.outcome}</td>
                  <td>{item.status ?? '—'}</td>
                  <td>{item.reason ?? ''}</td>
                  <td>{item.attempts}</td>
                  <td>{item.retryable ? 'yes' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.total > page.items.length && (
            <p className="hint">
              Showing {page.items.length} of {page.total}; the history holds every result.
            </p>
          )}
        </>
      )}
    </>
  );
}
