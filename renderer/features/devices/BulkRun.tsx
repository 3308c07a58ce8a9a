import { useTargetNamer } from '../../components/TargetName';
import { useBulk } from '../../state/bulk';
import { BulkResults } from './BulkResults';

/**
 * The bulk send on screen (running or the last one): progress with rate and ETA, pause, resume
 * and cancel, then its results. Shown by the Devices screen's panel and by the Bulk screen.
 */
export function BulkRunView() {
  const bulk = useBulk();
  const nameOf = useTargetNamer();
  const { progress, run } = bulk;
  const running = !!progress && (progress.state === 'running' || progress.state === 'paused');
  if (!progress) return null;
  return (
    <>
      <div className="bulk-progress" data-testid="bulk-progress">
        <progress max={progress.total} value={progress.done} />
        <span data-testid="bulk-counts">
          {progress.done}/{progress.total} · {progress.accepted} accepted · {progress.rejected} rejected ·{' '}
          {progress.failed} failed
        </span>
        <span>
          {progress.ratePerSecond}/s
          {progress.etaSeconds !== null && progress.state === 'running' ? ` · ETA ${progress.etaSeconds}s` : ''} ·{' '}
          <strong data-testid="bulk-state">{progress.state}</strong>
        </span>
        {running && (
          <>
            {progress.state === 'running' ? (
              <button type="button" onClick={() => void bulk.control('pause')}>
                Pause
              </button>
            ) : (
              <button type="button" onClick={() => void bulk.control('resume')}>
                Resume
              </button>
            )}
            <button type="button" onClick={() => void bulk.control('cancel')}>
              Cancel
            </button>
          </>
        )}
      </div>
      {bulk.page && run && (
        <BulkResults
          running={running}
          nameTarget={(target) =>
            nameOf(run.provider, target, { credentialId: run.credentialId, environment: run.environment })
          }
        />
      )}
    </>
  );
}
