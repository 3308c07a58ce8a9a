import { lexSwift, type SwiftToken } from './swift-lexer';
import type { EnumDecl, SourceDecls, StructDecl, TypeDecl, TypeExpr } from './swift-types';

export type { EnumCase, EnumDecl, PropertyDecl, SourceDecls, StructDecl, TypeDecl, TypeExpr } from './swift-types';

const MODIFIERS = new Set([
  'public',
  'private',
  'fileprivate',
  'internal',
  'open',
  'final',
  'lazy',
  'weak',
  'unowned',
  'nonisolated',
  'mutating',
  'nonmutating',
  'override',
  'required',
  'convenience',
  'dynamic',
  'indirect',
  'package',
  'borrowing',
  'consuming',
  'optional',
]);

export function readDeclarations(source: string): SourceDecls {
  const lexed = lexSwift(source);
  const out: SourceDecls = { top: new Map(), aliases: new Map(), all: [], problems: [] };
  if (lexed.problem) out.problems.push(lexed.problem);
  new Reader(lexed.tokens, out).members(null, out.top, out.aliases);
  return out;
}

class Reader {
  readonly #t: SwiftToken[];
  readonly #out: SourceDecls;
  #i = 0;

  constructor(tokens: SwiftToken[], out: SourceDecls) {
    this.#t = tokens;
    this.#out = out;
  }

  #peek(offset = 0): SwiftToken | undefined {
    return this.#t[this.#i + offset];
  }

  #is(text: string, offset = 0): boolean {
    return this.#peek(offset)?.text === text && this.#peek(offset)?.kind !== 'string';
  }

  #line(): number {
    return this.#peek()?.line ?? this.#t[this.#t.length - 1]?.line ?? 1;
  }

  /** Skips a balanced group starting at an opening bracket. */
  #skipGroup(): void {
    const open = this.#peek()?.text;
    const close = open === '(' ? ')' : open === '[' ? ']' : open === '<' ? '>' : '}';
    let depth = 0;
    while (this.#i < this.#t.length) {
      const tok = this.#t[this.#i++]!;
      if (tok.kind === 'string') continue;
      if (tok.text === open) depth++;
      else if (tok.text === close && --depth === 0) return;
    }
  }

  /** Skips to the end of a declaration that has a body (`func`, `init`, a class…). */
  #skipToBody(): void {
    while (this.#i < this.#t.length && !this.#is('{') && !this.#is('}')) {
      if (this.#is('(') || this.#is('[')) this.#skipGroup();
      else this.#i++;
    }
    if (this.#is('{')) this.#skipGroup();
  }

  members(owner: TypeDecl | null, nested: Map<string, TypeDecl>, aliases: Map<string, TypeExpr>): void {
    while (this.#i < this.#t.length && !this.#is('}')) {
      const tok = this.#peek()!;
      if (tok.kind === 'attribute') {
        this.#i++;
        if (this.#is('(') && this.#peek()!.line === tok.line) this.#skipGroup();
        continue;
      }
      if (tok.kind === 'directive') {
        // `#if os(iOS)`: both branches are read; the condition runs to the end of its line.
        this.#i++;
        while (this.#peek() && this.#peek()!.line === tok.line) this.#i++;
        continue;
      }
      if (tok.kind !== 'ident') {
        this.#i++;
        continue;
      }
      const word = tok.text;
      if (MODIFIERS.has(word)) {
        this.#i++;
        if (this.#is('(')) this.#skipGroup();
        continue;
      }
      if (
        word === 'static' ||
        (word === 'class' && (this.#is('var', 1) || this.#is('func', 1) || this.#is('let', 1)))
      ) {
        // A static member is not part of the encoded value.
        this.#i++;
        while (this.#peek()?.kind === 'ident' && MODIFIERS.has(this.#peek()!.text)) this.#i++;
        if (this.#is('var') || this.#is('let')) this.#property(null);
        else this.#skipToBody();
        continue;
      }
      if (word === 'import') {
        this.#i++;
        while (this.#peek() && this.#peek()!.line === tok.line) this.#i++;
        continue;
      }
      if (word === 'struct' || word === 'enum') {
        this.#typeDecl(word, owner, nested);
        continue;
      }
      if (word === 'extension') {
        this.#extension();
        continue;
      }
      if (word === 'typealias') {
        this.#i++;
        const name = this.#peek()?.text ?? '';
        this.#i++;
        if (this.#is('<')) this.#skipGroup();
        if (this.#is('=')) {
          this.#i++;
          aliases.set(name, this.#type());
        }
        continue;
      }
      if (word === 'var' || word === 'let') {
        this.#property(owner?.kind === 'struct' ? owner : null);
        continue;
      }
      if (word === 'case' && owner?.kind === 'enum') {
        this.#cases(owner);
        continue;
      }
      if (word === 'init' && owner?.kind === 'struct') {
        if (this.#is('(', 1) && this.#is('from', 2)) owner.customDecoder = true;
        this.#i++;
        this.#skipToBody();
        continue;
      }
      if (['func', 'init', 'deinit', 'subscript', 'class', 'actor', 'protocol'].includes(word)) {
        this.#i++;
        this.#skipToBody();
        continue;
      }
      this.#i++;
    }
  }

  #typeDecl(word: 'struct' | 'enum', owner: TypeDecl | null, nested: Map<string, TypeDecl>): void {
    const line = this.#line();
    this.#i++;
    const name = this.#peek()?.text ?? '';
    this.#i++;
    if (this.#is('<')) this.#skipGroup();
    const inherits: string[] = [];
    if (this.#is(':')) {
      this.#i++;
      while (this.#peek() && !this.#is('{') && !this.#is('where')) {
        if (this.#peek()!.kind === 'ident') {
          let text = this.#peek()!.text;
          while (this.#is('.', 1) && this.#peek(2)?.kind === 'ident') {
            text = this.#peek(2)!.text;
            this.#i += 2;
          }
          inherits.push(text);
        }
        this.#i++;
      }
    }
    while (this.#peek() && !this.#is('{')) this.#i++;
    const base = { name, line, inherits, nested: new Map(), aliases: new Map(), parent: owner };
    const decl: TypeDecl =
      word === 'struct'
        ? { ...base, kind: 'struct', properties: [], customDecoder: false }
        : { ...base, kind: 'enum', cases: [] };
    nested.set(name, decl);
    this.#out.all.push(decl);
    this.#i++;
    this.members(decl, decl.nested, decl.aliases);
    this.#i++;
  }

  /** `extension Foo { enum Bar … }`: nested types declared apart from their parent. */
  #extension(): void {
    this.#i++;
    const path: string[] = [];
    while (this.#peek()?.kind === 'ident') {
      path.push(this.#peek()!.text);
      if (!this.#is('.', 1)) break;
      this.#i += 2;
    }
    this.#i++;
    while (this.#peek() && !this.#is('{')) this.#i++;
    let target: TypeDecl | undefined = this.#out.top.get(path[0] ?? '');
    for (const part of path.slice(1)) target = target?.nested.get(part);
    if (!target) {
      this.#skipGroup();
      return;
    }
    this.#i++;
    // Stored properties cannot live in an extension; only its nested types and aliases count.
    const properties = target.kind === 'struct' ? target.properties.length : 0;
    this.members(target, target.nested, target.aliases);
    if (target.kind === 'struct') target.properties.length = properties;
    this.#i++;
  }

  #property(owner: StructDecl | null): void {
    const isLet = this.#is('let');
    this.#i++;
    for (;;) {
      const nameTok = this.#peek();
      if (!nameTok || nameTok.kind !== 'ident') {
        // A tuple pattern or something stranger: not a property we can read.
        this.#skipExpression();
        return;
      }
      this.#i++;
      let type: TypeExpr | null = null;
      let inferred: string | null = null;
      let hasDefault = false;
      if (this.#is(':')) {
        this.#i++;
        type = this.#type();
      }
      if (this.#is('=')) {
        this.#i++;
        hasDefault = true;
        inferred = this.#literalKind();
        this.#skipExpression();
      }
      let computed = false;
      if (this.#is('{')) {
        // `{ didSet … }` observes a stored property; any other block computes the value.
        const first = this.#peek(1)?.text;
        computed = first !== 'willSet' && first !== 'didSet';
        this.#skipGroup();
      }
      if (owner && !computed) {
        owner.properties.push({ name: nameTok.text, line: nameTok.line, type, inferred, isLet, hasDefault });
      }
      if (!this.#is(',')) return;
      this.#i++;
    }
  }

  #literalKind(): string | null {
    const tok = this.#peek();
    if (!tok) return null;
    if (tok.kind === 'string') return 'String';
    if (tok.kind === 'number') return /[.eE]/.test(tok.text) && !/^0x/i.test(tok.text) ? 'Double' : 'Int';
    if (tok.text === 'true' || tok.text === 'false') return 'Bool';
    if (tok.kind === 'ident' && /^[A-Z]/.test(tok.text) && this.#is('(', 1)) return tok.text;
    return null;
  }

  /** A default value runs until the line ends outside brackets (Swift needs no semicolons). */
  #skipExpression(): void {
    let last = this.#peek();
    while (this.#peek()) {
      const tok = this.#peek()!;
      if (tok.kind !== 'string' && (tok.text === '}' || tok.text === ',' || tok.text === ';')) return;
      const continues = last && (tok.line === last.line || tok.text.startsWith('.') || /[=+\-*/&|?:]$/.test(last.text));
      if (tok !== last && !continues) return;
      if (tok.kind !== 'string' && (tok.text === '(' || tok.text === '[' || tok.text === '{')) {
        this.#skipGroup();
        last = this.#t[this.#i - 1];
        continue;
      }
      last = tok;
      this.#i++;
    }
  }

  #cases(owner: EnumDecl): void {
    this.#i++;
    for (;;) {
      const tok = this.#peek();
      if (!tok || tok.kind !== 'ident') return;
      this.#i++;
      let associated = false;
      let raw: string | number | null = null;
      if (this.#is('(')) {
        associated = true;
        this.#skipGroup();
      }
      if (this.#is('=')) {
        this.#i++;
        let sign = 1;
        if (this.#is('-')) {
          sign = -1;
          this.#i++;
        }
        const value = this.#peek();
        if (value?.kind === 'string') raw = value.text;
        else if (value?.kind === 'number') raw = sign * Number(value.text.replace(/_/g, ''));
        this.#i++;
      }
      owner.cases.push({ name: tok.text, line: tok.line, raw, associated });
      if (!this.#is(',')) return;
      this.#i++;
    }
  }

  #type(): TypeExpr {
    const line = this.#line();
    let base: TypeExpr;
    if (this.#is('[')) {
      this.#i++;
      const first = this.#type();
      if (this.#is(':')) {
        this.#i++;
        const value = this.#type();
        base = { kind: 'dictionary', key: first, value, line };
      } else base = { kind: 'array', of: first, line };
      if (this.#is(']')) this.#i++;
    } else if (this.#is('(')) {
      const start = this.#i;
      this.#skipGroup();
      const text = this.#t
        .slice(start, this.#i)
        .map((t) => t.text)
        .join('');
      base = { kind: 'unsupported', text, line };
      if (this.#is('->')) {
        this.#i++;
        this.#type();
      }
    } else if (this.#peek()?.kind === 'ident') {
      let name = this.#peek()!.text;
      this.#i++;
      while (this.#is('.') && this.#peek(1)?.kind === 'ident') {
        name += '.' + this.#peek(1)!.text;
        this.#i += 2;
      }
      const args: TypeExpr[] = [];
      if (this.#is('<')) {
        this.#i++;
        while (this.#peek() && !this.#is('>')) {
          args.push(this.#type());
          if (this.#is(',')) this.#i++;
          else if (!this.#is('>')) break;
        }
        if (this.#is('>')) this.#i++;
      }
      base = { kind: 'named', name, args, line };
      if (name === 'any' || name === 'some') base = { kind: 'unsupported', text: `${name} ${this.#type().kind}`, line };
    } else {
      base = { kind: 'unsupported', text: this.#peek()?.text ?? '', line };
      this.#i++;
    }
    while (this.#is('?') || this.#is('!')) {
      this.#i++;
      base = { kind: 'optional', of: base, line };
    }
    return base;
  }
}
