import { describe, expect, it } from 'vitest';
import { evaluateFcmCondition, parseFcmCondition } from '../../../../../shared/providers/fcm/condition';

describe('FCM condition parser', () => {
  it('parses &&, ||, ! and parentheses with && binding tighter', () => {
    const parsed = parseFcmCondition("'a' in topics || 'b' in topics && !('c' in topics)");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.topics).toEqual(['a', 'b', 'c']);
    expect(parsed.ast.kind).toBe('or');
    expect(evaluateFcmCondition(parsed.ast, new Set(['b']))).toBe(true);
    expect(evaluateFcmCondition(parsed.ast, new Set(['b', 'c']))).toBe(false);
    expect(evaluateFcmCondition(parsed.ast, new Set(['a', 'c']))).toBe(true);
  });

  it('accepts double quotes and extra spaces', () => {
    expect(parseFcmCondition(' ( "x" in  topics ) ').ok).toBe(true);
  });

  it('allows five topics and refuses six', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((t) => `'${t}' in topics`).join(' || ');
    expect(parseFcmCondition(five).ok).toBe(true);
    const six = `${five} || 'f' in topics`;
    expect(parseFcmCondition(six)).toEqual({
      ok: false,
      message: 'The condition names 6 topics; FCM allows 5',
      position: 0,
    });
  });

  it.each([
    ["'a' in topics &&", 'The condition ends early', 16],
    ["'a' in topics & 'b' in topics", 'Unexpected "&"', 14],
    ["'a in topics", 'missing its closing quote', 0],
    ['a in topics', 'Expected a quoted topic name', 0],
    ["'a' topics", 'Expected "in topics"', 4],
    ["('a' in topics", 'Missing ")"', 14],
    ["'a b' in topics", 'not a valid topic name', 1],
  ])('points at the error in %s', (text, message, position) => {
    const parsed = parseFcmCondition(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(message);
    expect(parsed.position).toBe(position);
    expect(parsed.message).toContain(`at character ${position + 1}`);
  });
});
