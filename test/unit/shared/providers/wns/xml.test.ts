import { describe, expect, it } from 'vitest';
import { findAll, parseXml } from '../../../../../shared/xml/parse';

function error(text: string) {
  const result = parseXml(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result;
}

describe('parseXml', () => {
  it('returns the element tree with attributes, resolved references and positions', () => {
    const result = parseXml(
      '<?xml version="1.0" encoding="utf-8"?>\n<!-- hi -->\n<toast launch="a&amp;b">\n  <text>1 &lt; 2 &#x263A; &#65;</text><text><![CDATA[<raw>]]></text>\n</toast>',
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.root).toMatchObject({ name: 'toast', attributes: { launch: 'a&b' }, line: 3, column: 1 });
    expect(findAll(result.root, 'text').map((t) => t.text)).toEqual(['1 < 2 ☺ A', '<raw>']);
    expect(result.root.children[0]).toMatchObject({ line: 4, column: 3 });
  });

  it('accepts self-closing roots, single quotes and a byte-order mark', () => {
    expect(parseXml("\uFEFF<badge value='7'/>")).toMatchObject({ ok: true, root: { attributes: { value: '7' } } });
  });

  it.each([
    ['<toast><visual></toast>', /<\/toast> does not match <visual>/, 1, 16],
    ['<toast>', /<toast> is never closed/, 1, 1],
    ['', /empty/, 1, 1],
    ['<a/><b/>', /second root/, 1, 5],
    ['hello <a/>', /Text before the root/, 1, 1],
    ['<a/> tail', /Text after the root/, 1, 6],
    ['<a x="1" x="2"/>', /appears twice/, 1, 10],
    ['<a x=1/>', /must be in quotes/, 1, 6],
    ['<a x="1"y="2"/>', /separated by whitespace/, 1, 9],
    ['<a>fish & chips</a>', /bare "&"/, 1, 9],
    ['<a>&nbsp;</a>', /Unknown entity &nbsp;/, 1, 4],
    ['<a b="<"/>', /"<" inside the value of "b"/, 1, 7],
    ['<!DOCTYPE a><a/>', /DOCTYPE/, 1, 1],
    ['<a><!-- x -- y --></a>', /"--" is not allowed/, 1, 4],
    ['<a/>\n<?xml version="1.0"?>', /declaration must come first/, 2, 1],
    ['<a>\n  <1b/></a>', /Expected an element name/, 2, 4],
  ])('rejects %j with a line/column error', (text, message, line, column) => {
    const result = error(text);
    expect(result.message).toMatch(message);
    expect({ line: result.line, column: result.column }).toEqual({ line, column });
  });
});
