import { formatTime } from '../../../shared/time-format';
import { activitySequences, stepWords } from './activity-sequence';

interface Entry {
  id: string;
  receivedAt: string;
  details?: Record<string, unknown> | undefined;
}

const shownState = (value: unknown) => (value === null || value === undefined ? 'none' : JSON.stringify(value));

/**
 * The inbox's Live Activity pushes, one list per activity in the order the device got them: the
 * start, each update, the end, and the ones it dropped (stale, after the end…) marked in words,
 * each with the content-state the activity showed after it.
 */
export function ActivitySequences({ inbox }: { inbox: readonly Entry[] }) {
  const sequences = activitySequences(inbox);
  if (sequences.length === 0) return null;
  return (
    <div className="activity-sequences" data-testid="activity-sequences">
      {sequences.map((sequence) => {
        const title =
          sequence.activityId === null
            ? 'Pushes no activity took'
            : `${sequence.attributesType ?? 'Live Activity'} ${sequence.activityId.slice(0, 8)}${sequence.ended ? ' (ended)' : ''}`;
        const headingId = `activity-sequence-${sequence.activityId ?? 'none'}`;
        return (
          <section
            key={sequence.activityId ?? 'none'}
            className="activity-sequence"
            data-testid="activity-sequence"
            data-activity-id={sequence.activityId ?? ''}
            aria-labelledby={headingId}
          >
            <h4 id={headingId}>{title}</h4>
            <ol className="activity-steps">
              {sequence.steps.map((step) => (
                <li
                  key={step.id}
                  className={step.outcome === 'dropped' ? 'activity-step dropped' : 'activity-step'}
                  data-testid="activity-step"
                  data-outcome={step.outcome}
                >
                  <span data-testid="activity-step-words">{stepWords(step)}</span>
                  <span className="activity-step-meta">
                    {step.timestamp === null ? 'no timestamp' : `timestamp ${step.timestamp}`} ·{' '}
                    {formatTime(step.receivedAt)}
                  </span>
                  <span className="mono" data-testid="activity-step-state">
                    {step.outcome === 'dropped' ? 'content-state kept: ' : 'content-state: '}
                    {shownState(step.contentState)}
                  </span>
                  {step.updateToken && (
                    <span className="mono" data-testid="activity-step-token">
                      Update token: {step.updateToken}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
