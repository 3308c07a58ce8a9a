/** One Live Activity push as the emulated device took it (`details.liveActivity` of an inbox entry). */
export interface ActivityStep {
  id: string;
  receivedAt: string;
  event: string | null;
  timestamp: number | null;
  outcome: 'started' | 'updated' | 'ended' | 'dropped';
  dropKind: string | null;
  dropped: string | null;
  contentState: unknown;
  channelId: string | null;
  attributesType: string | null;
  updateToken: string | null;
}

/** The pushes one activity received, oldest first; `activityId` null: pushes no activity took. */
export interface ActivitySequence {
  activityId: string | null;
  attributesType: string | null;
  ended: boolean;
  steps: ActivityStep[];
}

interface Entry {
  id: string;
  receivedAt: string;
  details?: Record<string, unknown> | undefined;
}

const OUTCOMES = new Set(['started', 'updated', 'ended', 'dropped']);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The step an inbox entry records, or null when it is no Live Activity push the device judged. */
export function activityStep(entry: Entry): (ActivityStep & { activityId: string | null }) | null {
  const raw = entry.details?.['liveActivity'];
  if (!raw || typeof raw !== 'object') return null;
  const step = raw as Record<string, unknown>;
  const outcome = str(step['outcome']);
  if (!outcome || !OUTCOMES.has(outcome)) return null;
  return {
    id: entry.id,
    receivedAt: entry.receivedAt,
    activityId: str(step['activityId']),
    event: str(step['event']),
    timestamp: typeof step['timestamp'] === 'number' ? step['timestamp'] : null,
    outcome: outcome as ActivityStep['outcome'],
    dropKind: str(step['dropKind']),
    dropped: str(step['dropped']),
    contentState: step['contentState'] ?? null,
    channelId: str(step['channelId']),
    attributesType: str(step['attributesType']),
    updateToken: str(step['updateToken']),
  };
}

/**
 * The inbox's Live Activity pushes as one sequence per activity (start, updates, end, the dropped
 * ones in their place), oldest first, activities in the order they first appear. The inbox lists
 * newest first. Pushes no activity took (an update sent to a push-to-start token) come last.
 */
export function activitySequences(inbox: readonly Entry[]): ActivitySequence[] {
  const byActivity = new Map<string | null, ActivitySequence>();
  for (const entry of [...inbox].reverse()) {
    const step = activityStep(entry);
    if (!step) continue;
    const { activityId, ...rest } = step;
    let sequence = byActivity.get(activityId);
    if (!sequence) {
      sequence = { activityId, attributesType: null, ended: false, steps: [] };
      byActivity.set(activityId, sequence);
    }
    sequence.steps.push(rest);
    sequence.attributesType ??= rest.attributesType;
    if (rest.outcome === 'ended') sequence.ended = true;
  }
  const none = byActivity.get(null);
  byActivity.delete(null);
  return [...byActivity.values(), ...(none ? [none] : [])];
}

/** What happened, in words: "Started", "Update dropped: Stale: …". */
export function stepWords(step: ActivityStep): string {
  const event = step.event ?? 'push without an event';
  const on = step.channelId && step.outcome !== 'started' ? ` (broadcast on channel ${step.channelId})` : '';
  if (step.outcome === 'started') return `Started${step.attributesType ? ` ${step.attributesType}` : ''}${on}`;
  if (step.outcome === 'updated') return `Updated${on}`;
  if (step.outcome === 'ended') return `Ended${on}`;
  const capitalised = event.charAt(0).toUpperCase() + event.slice(1);
  return `${capitalised} dropped by the device${on}: ${step.dropped ?? 'no reason given'}`;
}
