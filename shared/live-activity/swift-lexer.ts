/**
 * Tokens of Swift source, enough to read type declarations: comments and string contents are
 * consumed whole so a brace or `struct` inside them never counts. Every token keeps its line, so
 * the parser can say where it stopped understanding.
 */
export type SwiftTokenKind = 'ident' | 'number' | 'string' | 'punct' | 'attribute' | 'directive';

export interface SwiftToken {
  kind: SwiftTokenKind;
  text: string;
  line: number;
}

export interface LexResult {
  tokens: SwiftToken[];
  /** An unterminated comment or string: where it started. */
  problem: { line: number; message: string } | null;
}

const IDENT_START = /[A-Za-z_$\u00c0-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u00c0-\uffff]/;
const OPERATOR_CHARS = '=-+!*%<>&|^~?/';

export function lexSwift(source: string): LexResult {
  const tokens: SwiftToken[] = [];
  let i = 0;
  let line = 1;
  const n = source.length;
  const push = (kind: SwiftTokenKind, text: string, at: number) => tokens.push({ kind, text, line: at });
  while (i < n) {
    const c = source[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      // Swift block comments nest.
      const start = line;
      let depth = 0;
      while (i < n) {
        if (source[i] === '/' && source[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (source[i] === '*' && source[i + 1] === '/') {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else {
          if (source[i] === '\n') line++;
          i++;
        }
      }
      if (depth > 0) return { tokens, problem: { line: start, message: 'a /* comment is never closed' } };
      continue;
    }
    if (c === '"' || (c === '#' && (source[i + 1] === '"' || source[i + 1] === '#'))) {
      const start = line;
      let hashes = 0;
      let j = i;
      while (source[j] === '#') {
        hashes++;
        j++;
      }
      if (source[j] !== '"') {
        // `#if` and friends, after all.
        i = j;
        continue;
      }
      const multi = source.startsWith('"""', j);
      const quote = multi ? '"""' : '"';
      const close = quote + '#'.repeat(hashes);
      j += quote.length;
      let text = '';
      let closed = false;
      while (j < n) {
        if (source.startsWith(close, j)) {
          j += close.length;
          closed = true;
          break;
        }
        const ch = source[j]!;
        if (ch === '\n') {
          if (!multi) break;
          line++;
        }
        if (ch === '\\' && hashes === 0) {
          const next = source[j + 1] ?? '';
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
          continue;
        }
        text += ch;
        j++;
      }
      if (!closed) return { tokens, problem: { line: start, message: 'a string is never closed' } };
      push('string', text, start);
      i = j;
      continue;
    }
    if (c === '#' || c === '@') {
      let j = i + 1;
      while (j < n && IDENT_PART.test(source[j]!)) j++;
      push(c === '#' ? 'directive' : 'attribute', source.slice(i, j), line);
      i = j;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) return { tokens, problem: { line, message: 'a `name` is never closed' } };
      push('ident', source.slice(i + 1, end), line);
      i = end + 1;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(source[j]!)) j++;
      push('ident', source.slice(i, j), line);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(source[j]!)) {
        // `1...5` is a range, not a number with dots.
        if (source[j] === '.' && !/[0-9]/.test(source[j + 1] ?? '')) break;
        j++;
      }
      push('number', source.slice(i, j), line);
      i = j;
      continue;
    }
    if (c === '.' && source.startsWith('...', i)) {
      push('punct', '...', line);
      i += 3;
      continue;
    }
    if (OPERATOR_CHARS.includes(c)) {
      let j = i + 1;
      while (j < n && OPERATOR_CHARS.includes(source[j]!) && !(source[j] === '/' && /[/*]/.test(source[j + 1] ?? '')))
        j++;
      // `?` and `!` after a type are their own tokens; `>>` closes two generic lists.
      const text = source.slice(i, j);
      if (/^[?!>]+$/.test(text)) for (const ch of text) push('punct', ch, line);
      else push('punct', text, line);
      i = j;
      continue;
    }
    push('punct', c, line);
    i++;
  }
  return { tokens, problem: null };
}
