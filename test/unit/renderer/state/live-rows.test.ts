import { describe, expect, it } from 'vitest';
import { summarizeExchange } from '../../../../shared/history/summary';
import { LiveRows } from '../../../../renderer/state/live-rows';
import { makeExchange } from '../../../support/history-fixtures';

const row = (i: number) => ({ ...summarizeExchange(makeExchange(i)), reason: null });
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe('live exchange rows (batched merge of rows and result reasons)', () => {
  it('puts arrivals first, newest first, and keeps at most the cap', () => {
    const live = new LiveRows(4);
    live.add([row(1), row(2)]);
    live.add([row(3)]);
    const { rows, waiting } = live.merge([row(0)]);
    expect(ids(rows)).toEqual(['ex-3', 'ex-2', 'ex-1', 'ex-0']);
    expect(waiting).toBe(false);
    live.add([row(4), row(5)]);
    expect(ids(live.merge(rows).rows)).toEqual(['ex-5', 'ex-4', 'ex-3', 'ex-2']);
  });

  it("applies a result's reason to rows already listed and to rows arriving in the same batch", () => {
    const live = new LiveRows(100);
    const listed = live.merge([row(1)]).rows;
    live.add([row(2)]);
    live.reason(['ex-1', 'ex-2'], 'TooManyRequests');
    const { rows, waiting } = live.merge(listed);
    expect(rows.map((r) => [r.id, r.reason])).toEqual([
      ['ex-2', 'TooManyRequests'],
      ['ex-1', 'TooManyRequests'],
    ]);
    expect(waiting).toBe(false);
  });

  it('a reason that overtook its row waits one batch for it, then is dropped', () => {
    const live = new LiveRows(100);
    live.reason(['ex-7'], 'Unregistered');
    let merged = live.merge([]);
    expect(merged).toEqual({ rows: [], waiting: true });
    live.add([row(7)]);
    merged = live.merge(merged.rows);
    expect(merged.rows.map((r) => r.reason)).toEqual(['Unregistered']);
    expect(merged.waiting).toBe(false);

    live.reason(['never-recorded'], 'BadDeviceToken');
    expect(live.merge(merged.rows).waiting).toBe(true);
    expect(live.merge(merged.rows).waiting).toBe(false);
    // Dropped: a row with that id arriving later keeps its own reason.
    live.add([{ ...row(8), id: 'never-recorded' }]);
    expect(live.merge([]).rows[0]!.reason).toBeNull();
  });
});

describe("a send's reason on live rows", () => {
  it('is not shown on the token fetch the send made on its way (WNS /accesstoken.srf)', () => {
    const live = new LiveRows(100);
    const token = { ...row(1), purpose: 'auth' as const, url: 'https://login.live.com/accesstoken.srf' };
    live.add([token, row(2)]);
    live.reason(['ex-1', 'ex-2'], 'received');
    const { rows } = live.merge([]);
    expect(rows.map((r) => [r.id, r.reason])).toEqual([
      ['ex-2', 'received'],
      ['ex-1', null],
    ]);
  });
});
