import { describe, expect, it } from 'vitest';
import { expandTemplate, templatePropertyNames } from '../../../../../shared/providers/nhub/template';

const toast =
  '<toast><visual><binding template="ToastText01"><text id="1">$(greeting_en)</text></binding></visual></toast>';

describe('template expansion', () => {
  it("expands the sample's toast with the properties sent", () => {
    const result = expandTemplate(toast, { greeting_en: 'Hello', greeting_fr: 'Salut' });
    expect(result.payload).toBe(
      '<toast><visual><binding template="ToastText01"><text id="1">Hello</text></binding></visual></toast>',
    );
    expect(result.missing).toEqual([]);
    expect(result.used).toEqual(['greeting_en']);
  });

  it('warns about missing properties and leaves empty text', () => {
    const result = expandTemplate(toast, { greeting_fr: 'Salut' });
    expect(result.payload).toContain('<text id="1"></text>');
    expect(result.missing).toEqual(['greeting_en']);
    expect(result.warnings[0]).toContain('"greeting_en"');
  });

  it('escapes values for XML and JSON templates', () => {
    expect(expandTemplate('<text>$(m)</text>', { m: 'a < b & "c"' }).payload).toBe(
      '<text>a &lt; b &amp; &quot;c&quot;</text>',
    );
    const apple = '{"aps":{"alert":"$(message)","badge":#(count)}}';
    const expanded = expandTemplate(apple, { message: 'He said "hi"\n', count: '3' });
    expect(JSON.parse(expanded.payload)).toEqual({ aps: { alert: 'He said "hi"\n', badge: 3 } });
  });

  it('supports truncation, URL encoding, expressions and case-insensitive names', () => {
    expect(expandTemplate('$(t, 3)', { t: 'abcdef' }).payload).toBe('abc');
    expect(expandTemplate('.(t, 3)', { t: 'abcdef' }).payload).toBe('abc...');
    expect(expandTemplate('.(t, 10)', { t: 'abcdef' }).payload).toBe('abcdef');
    expect(expandTemplate('%(q)', { q: 'a b/c' }).payload).toBe('a%20b%2Fc');
    expect(expandTemplate("<text>{'Hi ' + $(name) + '!'}</text>", { name: 'Ann' }).payload).toBe(
      '<text>Hi Ann!</text>',
    );
    expect(expandTemplate('$(Greeting)', { greeting: 'x' }).payload).toBe('x');
    expect(templatePropertyNames('{"a":"$(x)","b":"$(X)","c":"#(y)"}')).toEqual(['x', 'y']);
  });
});
