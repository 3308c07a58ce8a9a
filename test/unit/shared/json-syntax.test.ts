import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../shared/json/syntax';
import { preflightApns } from '../../../shared/providers/apns/preflight';

describe('findJsonSyntaxError', () => {
  it('finds the first character that is not JSON, with its line and column', () => {
    const text = '{\n  "aps": {\n    "alert": "Hi"\n    "badge": 1\n  }\n}';
    const found = findJsonSyntaxError(text)!;
    expect(found).toMatchObject({ line: 4, column: 5 });
    expect(text.slice(found.offset).startsWith('"badge"')).toBe(true);
    expect(found.reason).toBe(`Expected ',' or '}' after a property value, found '"'`);
  });

  it('names trailing commas, a missing end, bad escapes and text after the value', () => {
    expect(findJsonSyntaxError('{"a": [1, 2,]}')).toMatchObject({
      column: 13,
      reason: 'A comma before ] leaves an empty element',
    });
    expect(findJsonSyntaxError('{"a": 1,}')?.reason).toBe('A comma before } leaves an empty property');
    expect(findJsonSyntaxError('{"a": ')).toMatchObject({ offset: 6, reason: 'The text ends where a value should be' });
    expect(findJsonSyntaxError('"\\x"')?.reason).toBe('\\x is not a JSON escape');
    expect(findJsonSyntaxError('{} x')).toMatchObject({ column: 4, reason: "Unexpected 'x' after the JSON value" });
    expect(findJsonSyntaxError('{"a": tru}')).toMatchObject({ column: 7 });
  });

  it('accepts what JSON.parse accepts', () => {
    for (const text of ['{}', '[]', ' 1 ', '-0.5e+3', '"\\u00e9\\n"', '{"a":[true,false,null,{"b":"c"}]}']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeNull();
    }
  });
});

describe('a payload that is not JSON, in preflight', () => {
  it('says the line and column and carries the place for the editor', () => {
    const issues = preflightApns({
      target: 'a'.repeat(64),
      options: { topic: 'com.example', pushType: 'alert' },
      payload: '{\n  "aps": {"alert": "x",}\n}',
    } as never);
    const json = issues.find((issue) => issue.code === 'apns.payload.json');
    expect(json?.message).toBe(
      'Payload is not valid JSON: A comma before } leaves an empty property (line 2, column 24)',
    );
    expect(json?.at).toEqual({ offset: 25, line: 2, column: 24 });
  });
});
