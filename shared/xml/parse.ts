/**
 * A small, strict XML 1.0 well-formedness checker that also returns the element tree. It runs in
 * the renderer and in main alike, so it uses no DOM and no Node APIs. It checks what matters for
 * notification payloads (tags balance, one root, quoted unique attributes, valid references, no
 * stray `<` or `&`) and refuses DOCTYPE, which WNS payloads never need.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside this element, entity references resolved. */
  text: string;
  line: number;
  column: number;
}

export type XmlParseResult =
  { ok: true; root: XmlElement } | { ok: false; message: string; line: number; column: number };

class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseXml(text: string): XmlParseResult {
  try {
    return { ok: true, root: new Parser(text).document() };
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    return { ok: false, message: error.message, ...position(text, error.offset) };
  }
}

class Parser {
  #i = 0;
  constructor(readonly text: string) {}

  document(): XmlElement {
    // A byte-order mark is allowed before the declaration.
    if (this.text.startsWith('\uFEFF')) this.#i = 1;
    if (/^<\?xml\s/.test(this.text.slice(this.#i, this.#i + 6))) this.#pi(true);
    this.#misc();
    if (this.#i >= this.text.length) this.#fail('The document is empty; it needs one root element.');
    if (this.text.startsWith('<!DOCTYPE', this.#i)) this.#fail('DOCTYPE declarations are not allowed here.');
    if (this.text[this.#i] !== '<') this.#fail('Text before the root element.');
    const root = this.#element();
    this.#misc();
    if (this.#i < this.text.length) {
      this.#fail(
        this.text[this.#i] === '<' ? 'A second root element; XML allows one.' : 'Text after the root element.',
      );
    }
    return root;
  }

  #fail(message: string, offset = this.#i): never {
    throw new XmlSyntaxError(message, offset);
  }

  /** Whitespace, comments and processing instructions outside the root. */
  #misc(): void {
    for (;;) {
      this.#skipSpace();
      if (this.text.startsWith('<!--', this.#i)) this.#comment();
      else if (this.text.startsWith('<?', this.#i)) this.#pi();
      else return;
    }
  }

  #skipSpace(): void {
    while (this.#i < this.text.length && /\s/.test(this.text[this.#i]!)) this.#i++;
  }

  #comment(): void {
    const start = this.#i;
    const end = this.text.indexOf('-->', this.#i + 4);
    if (end < 0) this.#fail('Comment is never closed with -->.', start);
    if (this.text.slice(this.#i + 4, end).includes('--')) this.#fail('"--" is not allowed inside a comment.', start);
    this.#i = end + 3;
  }

  #pi(atStart = false): void {
    const start = this.#i;
    const end = this.text.indexOf('?>', this.#i + 2);
    if (end < 0) this.#fail('Processing instruction is never closed with ?>.', start);
    const target = /^<\?([^\s?]+)/.exec(this.text.slice(start, end + 2))?.[1] ?? '';
    if (!atStart && target.toLowerCase() === 'xml') {
      this.#fail('The XML declaration must come first, before anything else.', start);
    }
    this.#i = end + 2;
  }

  #name(what: string): string {
    const start = this.#i;
    if (!NAME_START.test(this.text[this.#i] ?? '')) this.#fail(`Expected ${what} name.`);
    this.#i++;
    while (NAME_CHAR.test(this.text[this.#i] ?? '')) this.#i++;
    return this.text.slice(start, this.#i);
  }

  #element(): XmlElement {
    const open = this.#i;
    const { line, column } = position(this.text, open);
    this.#i++; // <
    const name = this.#name('an element');
    const element: XmlElement = { name, attributes: {}, children: [], text: '', line, column };
    for (;;) {
      const before = this.#i;
      this.#skipSpace();
      const c = this.text[this.#i];
      if (c === undefined) this.#fail(`<${name}> is never closed.`, open);
      if (c === '/') {
        if (this.text[this.#i + 1] !== '>') this.#fail('Expected "/>".');
        this.#i += 2;
        return element;
      }
      if (c === '>') {
        this.#i++;
        break;
      }
      if (before === this.#i) this.#fail('Attributes must be separated by whitespace.');
      const attrStart = this.#i;
      const attr = this.#name('an attribute');
      if (attr in element.attributes) this.#fail(`Attribute "${attr}" appears twice on <${name}>.`, attrStart);
      this.#skipSpace();
      if (this.text[this.#i] !== '=') this.#fail(`Attribute "${attr}" needs ="value".`);
      this.#i++;
      this.#skipSpace();
      const quote = this.text[this.#i];
      if (quote !== '"' && quote !== "'") this.#fail(`The value of "${attr}" must be in quotes.`);
      this.#i++;
      element.attributes[attr] = this.#chars(quote, `the value of "${attr}"`);
      this.#i++;
    }
    for (;;) {
      element.text += this.#chars('<', `<${name}>`, open);
      if (this.text.startsWith('</', this.#i)) {
        const closeAt = this.#i;
        this.#i += 2;
        const closing = this.#name('a closing tag');
        if (closing !== name)
          this.#fail(`</${closing}> does not match <${name}> (line ${line}, column ${column}).`, closeAt);
        this.#skipSpace();
        if (this.text[this.#i] !== '>') this.#fail(`Expected ">" to end </${closing}>.`);
        this.#i++;
        return element;
      }
      if (this.text.startsWith('<!--', this.#i)) this.#comment();
      else if (this.text.startsWith('<![CDATA[', this.#i)) {
        const end = this.text.indexOf(']]>', this.#i);
        if (end < 0) this.#fail('CDATA section is never closed with ]]>.');
        element.text += this.text.slice(this.#i + 9, end);
        this.#i = end + 3;
      } else if (this.text.startsWith('<?', this.#i)) this.#pi();
      else element.children.push(this.#element());
    }
  }

  /** Character data up to `stop`, resolving references; `<` and `&` must be escaped. */
  #chars(stop: string, where: string, openedAt?: number): string {
    let out = '';
    for (;;) {
      const c = this.text[this.#i];
      if (c === undefined) this.#fail(`${where} is never closed.`, openedAt);
      if (c === stop) return out;
      if (c === '<') this.#fail(`"<" inside ${where} must be written &lt;.`);
      if (c === '&') out += this.#reference();
      else {
        out += c;
        this.#i++;
      }
    }
  }

  #reference(): string {
    const start = this.#i;
    const end = this.text.indexOf(';', start);
    const body = end < 0 ? '' : this.text.slice(start + 1, end);
    if (end < 0 || end - start > 12 || !/^(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*)$/.test(body)) {
      this.#fail('A bare "&" must be written &amp;.', start);
    }
    this.#i = end + 1;
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (code > 0x10ffff || code === 0) this.#fail(`&${body}; is not a valid character.`, start);
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[body];
    if (value === undefined) this.#fail(`Unknown entity &${body}; (only &amp; &lt; &gt; &quot; &apos; exist).`, start);
    return value;
  }
}

/** Direct and nested children named `name`, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (child.name === name) found.push(child);
    found.push(...findAll(child, name));
  }
  return found;
}
