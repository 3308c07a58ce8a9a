import { describe, expect, it } from 'vitest';
import {
  evaluateTagExpression,
  isValidTag,
  parseTagExpression,
} from '../../../../../shared/providers/nhub/tag-expression';

function ok(text: string) {
  const result = parseTagExpression(text);
  if (!result.ok) throw new Error(`expected valid: ${result.error.message}`);
  return result;
}
function error(text: string) {
  const result = parseTagExpression(text);
  if (result.ok) throw new Error(`expected invalid: ${text}`);
  return result.error;
}
const matches = (text: string, tags: string[]) => evaluateTagExpression(ok(text).ast, new Set(tags));

describe('tag expression parser', () => {
  it('accepts tags, operators, parentheses and system tags', () => {
    expect(ok('news').tags).toEqual(['news']);
    expect(ok('(follows_RedSox || follows_Cardinals) && location_Boston').tags).toEqual([
      'follows_RedSox',
      'follows_Cardinals',
      'location_Boston',
    ]);
    expect(ok('user@example.com && !#muted').tags).toEqual(['user@example.com', '#muted']);
    expect(ok('$InstallationId:{a1b2-c3}').tags).toEqual(['$InstallationId:{a1b2-c3}']);
    expect(ok('a||b').onlyOr).toBe(true);
    expect(ok('a && b').onlyOr).toBe(false);
    expect(ok('!a').onlyOr).toBe(false);
  });

  it('gives && precedence over || and evaluates against a tag set', () => {
    expect(matches('a || b && c', ['a'])).toBe(true);
    expect(matches('(a || b) && c', ['a'])).toBe(false);
    expect(matches('(a || b) && c', ['b', 'c'])).toBe(true);
    expect(matches('!a && b', ['b'])).toBe(true);
    expect(matches('!a && b', ['a', 'b'])).toBe(false);
    expect(matches('!(a || b)', ['c'])).toBe(true);
    expect(matches('News', ['news'])).toBe(false);
  });

  it('reports errors at the exact position', () => {
    expect(error('news & sports')).toEqual({ message: '"&" must be doubled: use "&&" (at position 6)', position: 5 });
    expect(error('news || ')).toMatchObject({ position: 8, message: expect.stringContaining('expression ended') });
    expect(error('(a || b')).toMatchObject({
      position: 7,
      message: expect.stringContaining('Missing ")" for the "(" at position 1'),
    });
    expect(error('a || b)')).toMatchObject({ position: 6, message: expect.stringContaining('Unmatched ")"') });
    expect(error('a b')).toMatchObject({ position: 2, message: expect.stringContaining('Expected "&&" or "||"') });
    expect(error('sports/news')).toMatchObject({ position: 6, message: expect.stringContaining('"/" is not allowed') });
    expect(error('a && || b')).toMatchObject({ position: 5 });
    expect(error('   ')).toMatchObject({ position: 0, message: expect.stringContaining('empty') });
  });

  it('limits tags to 120 characters', () => {
    expect(ok('x'.repeat(120)).tags).toHaveLength(1);
    expect(error(`a || ${'x'.repeat(121)}`)).toMatchObject({
      position: 5,
      message: expect.stringContaining('121 characters; tags allow 120'),
    });
  });

  it('allows 20 tags joined by || only, 6 once && or ! appear, pointing at the first tag over', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
    expect(ok(tags(20).join(' || ')).tags).toHaveLength(20);
    const over = tags(21).join(' || ');
    expect(error(over)).toEqual({
      message: `The expression has 21 tags; an expression using only || allows 20 (at position ${over.indexOf('t20') + 1})`,
      position: over.indexOf('t20'),
    });
    expect(ok(`(${tags(5).join(' || ')}) && z`).tags).toHaveLength(6);
    const mixed = `(${tags(6).join(' || ')}) && z`;
    expect(error(mixed)).toMatchObject({
      position: mixed.indexOf('z'),
      message: expect.stringContaining('using && or ! allows 6'),
    });
    expect(error(`!${tags(7).join(' || ')}`).message).toContain('7 tags');
  });

  it('validates single registration tags', () => {
    expect(isValidTag('location_Boston')).toBe(true);
    expect(isValidTag('a && b')).toBe(false);
    expect(isValidTag('has space')).toBe(false);
  });
});
