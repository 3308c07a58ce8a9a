/**
 * Where a JSON text stops being JSON, as a person reads it: line and column (both from 1) and a
 * sentence. V8's own JSON.parse message names a character offset only sometimes ("at position
 * 59") and never a line, so the composer could not point the editor at the mistake. A strict
 * RFC 8259 scan is small; no dependency we ship offers one (Monaco's parser lives in its worker).
 */
export interface JsonSyntaxError {
  /** Character offset of the first character that is not JSON (the text's length at its end). */
  offset: number;
  line: number;
  column: number;
  /** "Expected ',' or '}' after a property value" */
  reason: string;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let pos = 0;
  const fail = (reason: string): never => {
    throw new ScanError(pos, reason);
  };
  const ws = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const found = () => (pos >= text.length ? 'the end of the text' : `'${text[pos]}'`);
  const string = () => {
    pos++;
    for (;;) {
      if (pos >= text.length) fail('The text ends inside a string (a closing " is missing)');
      const ch = text[pos]!;
      if (ch === '"') return void pos++;
      if (ch < ' ') fail('A string cannot hold a raw line break or control character; write \\n or \\t');
      if (ch === '\\') {
        pos++;
        const escape = text[pos];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 1, pos + 5))) fail('\\u needs four hex digits');
          pos += 5;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail(`\\${escape ?? ''} is not a JSON escape`);
      }
      pos++;
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) fail(`Expected a value, found ${found()}`);
    pos += match![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[pos];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, pos)) return void (pos += word.length);
    }
    if (ch !== undefined && /[-\d]/.test(ch)) return number();
    fail(ch === undefined ? 'The text ends where a value should be' : `Expected a value, found ${found()}`);
  };
  const object = () => {
    pos++;
    ws();
    if (text[pos] === '}') return void pos++;
    for (;;) {
      ws();
      if (text[pos] !== '"') {
        fail(
          text[pos] === '}'
            ? 'A comma before } leaves an empty property'
            : `Expected a "quoted" property name, found ${found()}`,
        );
      }
      string();
      ws();
      if (text[pos] !== ':') fail(`Expected ':' after the property name, found ${found()}`);
      pos++;
      value();
      ws();
      if (text[pos] === '}') return void pos++;
      if (text[pos] !== ',') fail(`Expected ',' or '}' after a property value, found ${found()}`);
      pos++;
    }
  };
  const array = () => {
    pos++;
    ws();
    if (text[pos] === ']') return void pos++;
    for (;;) {
      ws();
      if (text[pos] === ']') fail('A comma before ] leaves an empty element');
      value();
      ws();
      if (text[pos] === ']') return void pos++;
      if (text[pos] !== ',') fail(`Expected ',' or ']' after an array element, found ${found()}`);
      pos++;
    }
  };
  try {
    value();
    ws();
    if (pos < text.length) fail(`Unexpected ${found()} after the JSON value`);
    return null;
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { offset: error.offset, ...lineAndColumn(text, error.offset), reason: error.reason };
  }
}

/** "Expected ',' or '}' after a property value, found '\"' (line 4, column 3)" */
export function describeJsonSyntaxError(error: JsonSyntaxError): string {
  return `${error.reason} (line ${error.line}, column ${error.column})`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    start = at + 1;
  }
  return { line, column: offset - start + 1 };
}

class ScanError {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}
