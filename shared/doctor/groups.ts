import type { DiagnosisCause } from '../domain/diagnosis';
import type { SendResult } from '../domain/send-result';

/** One cause the Doctor screen lists: how many recent sends it was the first cause of, the newest one. */
export interface CauseGroup {
  id: string;
  provider: SendResult['provider'];
  count: number;
  /** The newest send's cause: its title, evidence and fix. */
  cause: DiagnosisCause;
  latest: Pick<SendResult, 'id' | 'target' | 'startedAt' | 'reason' | 'status' | 'exchangeIds'>;
}

/** Sends with a diagnosis grouped by their first cause, the most frequent first (ties: the newest first). */
export function groupByCause(sends: readonly SendResult[]): CauseGroup[] {
  const groups = new Map<string, CauseGroup>();
  for (const send of sends) {
    const cause = send.diagnosis?.causes[0];
    if (!cause) continue;
    const group = groups.get(cause.id);
    if (group) {
      group.count += 1;
      if (send.startedAt > group.latest.startedAt) Object.assign(group, { cause, latest: latestOf(send) });
    } else groups.set(cause.id, { id: cause.id, provider: send.provider, count: 1, cause, latest: latestOf(send) });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (b.latest.startedAt > a.latest.startedAt ? 1 : -1));
}

function latestOf(send: SendResult): CauseGroup['latest'] {
  const { id, target, startedAt, reason, status, exchangeIds } = send;
  return { id, target, startedAt, reason, status, exchangeIds };
}
