import { describe, expect, it } from 'vitest';
import { locateJsonPointer } from '../../../shared/json/locate';

const text = `{
  "aps": {
    "alert": { "title": "Hi", "body": "x" },
    "badge": 3
  },
  "list": [1, {"a/b": true}, "z"]
}`;

describe('locateJsonPointer', () => {
  it('finds nested keys and array elements', () => {
    expect(text.slice(locateJsonPointer(text, '/aps')!).startsWith('"aps"')).toBe(true);
    expect(text.slice(locateJsonPointer(text, '/aps/alert/body')!).startsWith('"body"')).toBe(true);
    expect(text.slice(locateJsonPointer(text, '/aps/badge')!).startsWith('"badge"')).toBe(true);
    expect(text.slice(locateJsonPointer(text, '/list/2')!).startsWith('"z"')).toBe(true);
    expect(text.slice(locateJsonPointer(text, '/list/1/a~1b')!).startsWith('"a/b"')).toBe(true);
  });

  it('returns null for missing paths and broken JSON', () => {
    expect(locateJsonPointer(text, '/aps/sound')).toBeNull();
    expect(locateJsonPointer(text, '/list/7')).toBeNull();
    expect(locateJsonPointer('{"a": ', '/a/b')).toBeNull();
  });
});
