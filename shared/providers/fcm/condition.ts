/**
 * FCM topic conditions: `'a' in topics && ('b' in topics || !('c' in topics))`. Parsed here so
 * preflight can point at the exact character that is wrong, and the local emulator can evaluate
 * conditions against its subscriptions with the same grammar.
 */
import { FCM_TOPIC_PATTERN } from './target';

export const FCM_CONDITION_MAX_TOPICS = 5;

export type ConditionNode =
  | { kind: 'topic'; name: string }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and' | 'or'; left: ConditionNode; right: ConditionNode };

export type ConditionParse =
  { ok: true; ast: ConditionNode; topics: string[] } | { ok: false; message: string; position: number };

class ConditionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export function parseFcmCondition(text: string): ConditionParse {
  const parser = new Parser(text);
  try {
    const ast = parser.parseOr();
    parser.skipSpace();
    if (!parser.atEnd()) parser.fail(`Unexpected "${parser.peekWord()}"; expected && or ||`);
    const topics = [...new Set(collectTopics(ast))];
    if (topics.length > FCM_CONDITION_MAX_TOPICS) {
      return {
        ok: false,
        message: `The condition names ${topics.length} topics; FCM allows ${FCM_CONDITION_MAX_TOPICS}`,
        position: 0,
      };
    }
    return { ok: true, ast, topics };
  } catch (error) {
    if (error instanceof ConditionError) return { ok: false, message: error.message, position: error.position };
    throw error;
  }
}

export function evaluateFcmCondition(node: ConditionNode, subscribed: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case 'topic':
      return subscribed.has(node.name);
    case 'not':
      return !evaluateFcmCondition(node.operand, subscribed);
    case 'and':
      return evaluateFcmCondition(node.left, subscribed) && evaluateFcmCondition(node.right, subscribed);
    case 'or':
      return evaluateFcmCondition(node.left, subscribed) || evaluateFcmCondition(node.right, subscribed);
  }
}

function collectTopics(node: ConditionNode): string[] {
  if (node.kind === 'topic') return [node.name];
  if (node.kind === 'not') return collectTopics(node.operand);
  return [...collectTopics(node.left), ...collectTopics(node.right)];
}

class Parser {
  #pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.#pos >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.#pos]!)) this.#pos++;
  }

  peekWord(): string {
    return this.text.slice(this.#pos).split(/\s/)[0]!.slice(0, 20);
  }

  fail(message: string, position = this.#pos): never {
    throw new ConditionError(`${message} at character ${position + 1}`, position);
  }

  #take(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.#pos)) {
      this.#pos += token.length;
      return true;
    }
    return false;
  }

  parseOr(): ConditionNode {
    let left = this.parseAnd();
    while (this.#take('||')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  parseAnd(): ConditionNode {
    let left = this.parseUnary();
    while (this.#take('&&')) left = { kind: 'and', left, right: this.parseUnary() };
    return left;
  }

  parseUnary(): ConditionNode {
    if (this.#take('!')) return { kind: 'not', operand: this.parseUnary() };
    return this.parsePrimary();
  }

  parsePrimary(): ConditionNode {
    this.skipSpace();
    if (this.atEnd()) this.fail('The condition ends early; expected a quoted topic or "("');
    if (this.#take('(')) {
      const inner = this.parseOr();
      if (!this.#take(')')) this.fail(this.atEnd() ? 'Missing ")"' : `Expected ")" but found "${this.peekWord()}"`);
      return inner;
    }
    const quote = this.text[this.#pos]!;
    if (quote !== "'" && quote !== '"') {
      this.fail(`Expected a quoted topic name like 'news' but found "${this.peekWord()}"`);
    }
    const start = this.#pos;
    const end = this.text.indexOf(quote, start + 1);
    if (end < 0) this.fail('The topic name is missing its closing quote', start);
    const name = this.text.slice(start + 1, end);
    if (!FCM_TOPIC_PATTERN.test(name)) {
      this.fail(`"${name}" is not a valid topic name (letters, digits and -_.~% only)`, start + 1);
    }
    this.#pos = end + 1;
    this.skipSpace();
    const inAt = this.#pos;
    if (!/^in\s+topics\b/.test(this.text.slice(this.#pos))) {
      this.fail(`Expected "in topics" after '${name}'`, inAt);
    }
    this.#pos += this.text.slice(this.#pos).match(/^in\s+topics/)![0].length;
    return { kind: 'topic', name };
  }
}
