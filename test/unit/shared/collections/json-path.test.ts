import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath } from '../../../../shared/collections/json-path';

describe('the JSON path subset', () => {
  const value = { aps: { alert: { title: 'Hi' } }, results: [{ error: 'x' }, { id: 2 }], 'a-b': { 'c d': 1 } };

  it('reads names, indexes and quoted keys', () => {
    expect(readJsonPath(value, '$.aps.alert.title')).toEqual({ found: true, value: 'Hi' });
    expect(readJsonPath(value, '$.results[1].id')).toEqual({ found: true, value: 2 });
    expect(readJsonPath(value, '$["a-b"]["c d"]')).toEqual({ found: true, value: 1 });
    expect(readJsonPath(value, '$')).toEqual({ found: true, value });
  });

  it('says a missing step is missing (an index past the end, a name on an array)', () => {
    expect(readJsonPath(value, '$.results[5]')).toEqual({ found: false });
    expect(readJsonPath(value, '$.results.error')).toEqual({ found: false });
    expect(readJsonPath(value, '$.aps.alert.title.x')).toEqual({ found: false });
    expect(readJsonPath(value, '$.toString')).toEqual({ found: false });
  });

  it('refuses paths outside the subset', () => {
    expect(parseJsonPath('aps.alert')).toBeNull();
    expect(parseJsonPath('$.results[*]')).toBeNull();
    expect(parseJsonPath('$..title')).toBeNull();
  });
});
