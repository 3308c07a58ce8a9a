/**
 * Notification Hubs tag expressions: tags joined by `&&`, `||`, `!` and parentheses. A tag is up
 * to 120 characters of `[A-Za-z0-9_@#.:-]`; system tags such as `$InstallationId:{id}` start with
 * `$` and may carry braces. At most 20 tags when only `||` is used, otherwise at most 6.
 * Shared by preflight (errors with positions) and the emulator (evaluation against a tag set).
 */
export type TagNode =
  | { kind: 'tag'; name: string; start: number }
  | { kind: 'not'; operand: TagNode }
  | { kind: 'and' | 'or'; left: TagNode; right: TagNode };

export interface TagExpressionError {
  message: string;
  /** 0-based offset in the expression text. */
  position: number;
}

export type TagParseResult =
  { ok: true; ast: TagNode; tags: string[]; onlyOr: boolean } | { ok: false; error: TagExpressionError };

export const TAG_MAX_LENGTH = 120;
export const OR_ONLY_TAG_LIMIT = 20;
export const MIXED_TAG_LIMIT = 6;

const TAG_CHAR = /[A-Za-z0-9_@#.:-]/;
const SYSTEM_TAG_CHAR = /[A-Za-z0-9_@#.:{}-]/;

type Token =
  | { type: 'tag'; value: string; start: number }
  | { type: '&&' | '||' | '!' | '(' | ')'; start: number }
  | { type: 'end'; start: number };

class ParseFailure extends Error {
  constructor(readonly detail: TagExpressionError) {
    super(detail.message);
  }
}

function fail(message: string, position: number): never {
  throw new ParseFailure({ message: `${message} (at position ${position + 1})`, position });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '&' || ch === '|') {
      if (text[i + 1] !== ch) fail(`"${ch}" must be doubled: use "${ch}${ch}"`, i);
      tokens.push({ type: ch === '&' ? '&&' : '||', start: i });
      i += 2;
      continue;
    }
    if (ch === '!' || ch === '(' || ch === ')') {
      tokens.push({ type: ch, start: i });
      i++;
      continue;
    }
    if (TAG_CHAR.test(ch) || ch === '$') {
      const start = i;
      const allowed = ch === '$' ? SYSTEM_TAG_CHAR : TAG_CHAR;
      i++;
      while (i < text.length && allowed.test(text[i]!)) i++;
      const value = text.slice(start, i);
      if (value === '$') fail('"$" must start a system tag such as $InstallationId:{id}', start);
      if (value.length > TAG_MAX_LENGTH) {
        fail(`Tag "${value.slice(0, 20)}…" is ${value.length} characters; tags allow ${TAG_MAX_LENGTH}`, start);
      }
      tokens.push({ type: 'tag', value, start });
      continue;
    }
    fail(`"${ch}" is not allowed in a tag; tags use letters, digits and _ @ # . : -`, i);
  }
  tokens.push({ type: 'end', start: text.length });
  return tokens;
}

class Parser {
  #index = 0;
  constructor(readonly tokens: Token[]) {}

  get current(): Token {
    return this.tokens[this.#index]!;
  }

  next(): Token {
    return this.tokens[this.#index++]!;
  }

  parseOr(): TagNode {
    let left = this.parseAnd();
    while (this.current.type === '||') {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  parseAnd(): TagNode {
    let left = this.parseUnary();
    while (this.current.type === '&&') {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  parseUnary(): TagNode {
    const token = this.next();
    if (token.type === '!') return { kind: 'not', operand: this.parseUnary() };
    if (token.type === 'tag') return { kind: 'tag', name: token.value, start: token.start };
    if (token.type === '(') {
      const inner = this.parseOr();
      const close = this.next();
      if (close.type !== ')') fail(`Missing ")" for the "(" at position ${token.start + 1}`, close.start);
      return inner;
    }
    if (token.type === 'end') fail('Expected a tag, "!" or "(" but the expression ended', token.start);
    fail(`Expected a tag, "!" or "(" but found "${token.type}"`, token.start);
  }
}

function collect(node: TagNode, tags: string[], ops: Set<string>): void {
  if (node.kind === 'tag') tags.push(node.name);
  else if (node.kind === 'not') {
    ops.add('!');
    collect(node.operand, tags, ops);
  } else {
    ops.add(node.kind);
    collect(node.left, tags, ops);
    collect(node.right, tags, ops);
  }
}

export function parseTagExpression(text: string): TagParseResult {
  try {
    if (text.trim() === '') fail('The tag expression is empty', 0);
    const parser = new Parser(tokenize(text));
    const ast = parser.parseOr();
    const rest = parser.current;
    if (rest.type !== 'end') {
      fail(rest.type === ')' ? 'Unmatched ")"' : 'Expected "&&" or "||" between tags', rest.start);
    }
    const tags: string[] = [];
    const ops = new Set<string>();
    collect(ast, tags, ops);
    const onlyOr = !ops.has('and') && !ops.has('!');
    const limit = onlyOr ? OR_ONLY_TAG_LIMIT : MIXED_TAG_LIMIT;
    if (tags.length > limit) {
      const extra = (function find(node: TagNode, seen: { n: number }): number {
        if (node.kind === 'tag') return ++seen.n === limit + 1 ? node.start : -1;
        if (node.kind === 'not') return find(node.operand, seen);
        const left = find(node.left, seen);
        return left >= 0 ? left : find(node.right, seen);
      })(ast, { n: 0 });
      fail(
        onlyOr
          ? `The expression has ${tags.length} tags; an expression using only || allows ${OR_ONLY_TAG_LIMIT}`
          : `The expression has ${tags.length} tags; an expression using && or ! allows ${MIXED_TAG_LIMIT}`,
        extra,
      );
    }
    return { ok: true, ast, tags, onlyOr };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: error.detail };
    throw error;
  }
}

/** Tags compare case-sensitively, as the service stores them. */
export function evaluateTagExpression(node: TagNode, tags: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case 'tag':
      return tags.has(node.name);
    case 'not':
      return !evaluateTagExpression(node.operand, tags);
    case 'and':
      return evaluateTagExpression(node.left, tags) && evaluateTagExpression(node.right, tags);
    case 'or':
      return evaluateTagExpression(node.left, tags) || evaluateTagExpression(node.right, tags);
  }
}

/** True when a tag on its own is valid (for registrations). */
export function isValidTag(tag: string): boolean {
  const parsed = parseTagExpression(tag);
  return parsed.ok && parsed.ast.kind === 'tag';
}
