import { describe, expect, it } from 'vitest';
import { activitySequences, stepWords } from '../../../../../renderer/features/emulators/activity-sequence';

let n = 0;
/** An inbox entry as the APNs emulator records a Live Activity push (`details.liveActivity`). */
const entry = (liveActivity: Record<string, unknown> | undefined) => ({
  id: `d${++n}`,
  receivedAt: new Date(1_767_225_600_000 + n * 1000).toISOString(),
  details: liveActivity ? { liveActivity } : { apnsId: 'x' },
});

describe('activitySequences (the inbox as one sequence per Live Activity)', () => {
  it('orders each activity’s pushes oldest first, keeps dropped ones in place, and notes the end', () => {
    const newestFirst = [
      entry({ activityId: 'b', event: 'update', timestamp: 5, outcome: 'updated', contentState: { s: 'B1' } }),
      entry({ activityId: 'a', event: 'end', timestamp: 30, outcome: 'ended', contentState: { s: 'done' } }),
      entry(undefined),
      entry({
        activityId: 'a',
        event: 'update',
        timestamp: 10,
        outcome: 'dropped',
        dropKind: 'stale',
        dropped: 'Stale: timestamp 10 is not newer than 20',
        contentState: { s: 'two' },
      }),
      entry({ activityId: 'a', event: 'update', timestamp: 20, outcome: 'updated', contentState: { s: 'two' } }),
      entry({ activityId: null, event: 'update', timestamp: 3, outcome: 'dropped', dropKind: 'token', dropped: 'x' }),
      entry({
        activityId: 'a',
        event: 'start',
        timestamp: 1,
        outcome: 'started',
        attributesType: 'DeliveryAttributes',
        updateToken: 'ab12',
        contentState: { s: 'one' },
      }),
    ];
    const sequences = activitySequences(newestFirst);
    expect(sequences.map((s) => [s.activityId, s.attributesType, s.ended, s.steps.map((t) => t.outcome)])).toEqual([
      ['a', 'DeliveryAttributes', true, ['started', 'updated', 'dropped', 'ended']],
      ['b', null, false, ['updated']],
      [null, null, false, ['dropped']],
    ]);
    expect(sequences[0]!.steps[0]).toMatchObject({ updateToken: 'ab12', contentState: { s: 'one' } });
  });

  it('ignores entries that are no judged Live Activity push', () => {
    expect(activitySequences([entry(undefined), entry({ outcome: 'shown' })])).toEqual([]);
  });

  it('says each step in words, with the reason a dropped one was dropped and the channel it came on', () => {
    const [sequence] = activitySequences([
      entry({ activityId: 'a', event: 'update', timestamp: 2, outcome: 'dropped', dropped: 'Stale: timestamp 2…' }),
      entry({ activityId: 'a', event: 'update', timestamp: 2, outcome: 'updated', channelId: 'Y2g=' }),
      entry({ activityId: 'a', event: 'start', timestamp: 1, outcome: 'started', attributesType: 'Match' }),
    ]);
    expect(sequence!.steps.map(stepWords)).toEqual([
      'Started Match',
      'Updated (broadcast on channel Y2g=)',
      'Update dropped by the device: Stale: timestamp 2…',
    ]);
  });
});
