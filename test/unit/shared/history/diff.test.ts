import { describe, expect, it } from 'vitest';
import { bodyLines, diffHeaders, diffLines } from '../../../../shared/history/diff';

describe('diffHeaders', () => {
  it('matches names case-insensitively and marks same, changed, removed and added', () => {
    const rows = diffHeaders(
      [
        [':status', '200'],
        ['Apns-Id', 'a'],
        ['x-only-left', '1'],
      ],
      [
        [':status', '400'],
        ['apns-id', 'a'],
        ['x-only-right', '2'],
      ],
    );
    expect(rows).toEqual([
      { name: ':status', left: '200', right: '400', change: 'changed' },
      { name: 'apns-id', left: 'a', right: 'a', change: 'same' },
      { name: 'x-only-left', left: '1', right: null, change: 'removed' },
      { name: 'x-only-right', left: null, right: '2', change: 'added' },
    ]);
  });

  it('joins repeated headers so a change in the second value shows', () => {
    const rows = diffHeaders(
      [
        ['vary', 'a'],
        ['vary', 'b'],
      ],
      [
        ['vary', 'a'],
        ['vary', 'c'],
      ],
    );
    expect(rows).toEqual([{ name: 'vary', left: 'a, b', right: 'a, c', change: 'changed' }]);
  });
});

describe('diffLines and bodyLines', () => {
  it('pretty-prints JSON so one changed field is one changed line', () => {
    const left = bodyLines({ encoding: 'text', data: '{"aps":{"alert":"hi","badge":1}}', size: 33, truncated: false });
    const right = bodyLines({ encoding: 'text', data: '{"aps":{"alert":"hi","badge":2}}', size: 33, truncated: false });
    const diff = diffLines(left, right);
    expect(diff.filter((line) => line.op !== 'same')).toEqual([
      { op: 'removed', text: '    "badge": 1' },
      { op: 'added', text: '    "badge": 2' },
    ]);
    expect(diff.filter((line) => line.op === 'same')).toHaveLength(left.length - 1);
  });

  it('keeps common lines in order with insertions and deletions around them', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e'])).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'same', text: 'd' },
      { op: 'added', text: 'e' },
    ]);
  });

  it('describes binary and missing bodies instead of diffing bytes', () => {
    expect(bodyLines(null)).toEqual([]);
    expect(bodyLines({ encoding: 'base64', data: 'AAEC', size: 3, truncated: false })).toEqual(['(binary, 3 bytes)']);
    expect(bodyLines({ encoding: 'text', data: '<a>\n</a>', size: 8, truncated: false })).toEqual(['<a>', '</a>']);
  });
});
