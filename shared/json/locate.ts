/**
 * Finds where a JSON pointer (`/aps/alert/title`) points in a JSON text, so a preflight issue
 * can put the caret on the offending value. Returns the offset of the property's key (or of the
 * array element), or null when the text does not parse that far.
 */
export function locateJsonPointer(text: string, pointer: string): number | null {
  const path = pointer === '' || pointer === '/' ? [] : pointer.slice(1).split('/').map(unescapePart);
  let pos = 0;

  const ws = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const skipString = (): string | null => {
    if (text[pos] !== '"') return null;
    const start = ++pos;
    let out = '';
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\') pos++;
      pos++;
    }
    out = text.slice(start, pos);
    pos++;
    try {
      return JSON.parse(`"${out}"`) as string;
    } catch {
      return out;
    }
  };
  const skipValue = (): boolean => {
    ws();
    const ch = text[pos];
    if (ch === '"') return skipString() !== null;
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      pos++;
      ws();
      if (text[pos] === close) return (pos++, true);
      for (;;) {
        ws();
        if (ch === '{') {
          if (skipString() === null) return false;
          ws();
          if (text[pos++] !== ':') return false;
        }
        if (!skipValue()) return false;
        ws();
        if (text[pos] === ',') pos++;
        else if (text[pos] === close) return (pos++, true);
        else return false;
      }
    }
    const match = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos, pos + 64));
    if (!match) return false;
    pos += match[0].length;
    return true;
  };

  let found = 0;
  for (const part of path) {
    ws();
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      let hit = false;
      for (;;) {
        ws();
        if (text[pos] === '}') return null;
        const keyStart = pos;
        const key = skipString();
        if (key === null) return null;
        ws();
        if (text[pos++] !== ':') return null;
        if (key === part) {
          found = keyStart;
          hit = true;
          break;
        }
        if (!skipValue()) return null;
        ws();
        if (text[pos] === ',') pos++;
      }
      if (!hit) return null;
    } else if (ch === '[') {
      pos++;
      const index = Number(part);
      if (!Number.isInteger(index)) return null;
      for (let i = 0; ; i++) {
        ws();
        if (text[pos] === ']') return null;
        if (i === index) {
          found = pos;
          break;
        }
        if (!skipValue()) return null;
        ws();
        if (text[pos] === ',') pos++;
      }
    } else {
      return null;
    }
  }
  if (path.length === 0) {
    ws();
    return pos < text.length ? pos : null;
  }
  return found;
}

function unescapePart(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}
