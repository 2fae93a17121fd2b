/**
 * The offset where `text` stops being valid JSON (RFC 8259): the start of the first token that
 * does not fit (the bad character itself inside a string), or `text.length` when the text is
 * valid or ends too early.
 *
 * V8's `JSON.parse` names a position for some errors only ("Unexpected token 'x', ... is not valid
 * JSON" has none), so this scanner finds it. It is iterative, so any nesting depth is safe.
 */
export function jsonErrorOffset(text: string): number {
  const stack: string[] = [];
  let state: 'value' | 'first-value' | 'first-key' | 'key' | 'colon' | 'after' = 'value';
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  /** Reads a string starting at `i`; returns false, with `i` at the bad character, if it is not one. */
  const readString = (): boolean => {
    if (text[i] !== '"') return false;
    for (i++; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        const escape = /^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(text.slice(i + 1, i + 6));
        if (!escape) {
          i++;
          return false;
        }
        i += escape[0].length;
      }
    }
    return false;
  };
  for (;;) {
    skipSpace();
    if (i >= text.length) return text.length;
    const c = text[i];
    switch (state) {
      case 'first-value':
      case 'value':
        if (state === 'first-value' && c === ']') {
          stack.pop();
          i++;
          state = 'after';
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          state = c === '{' ? 'first-key' : 'first-value';
        } else if (c === '"') {
          if (!readString()) return i;
          state = 'after';
        } else {
          const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
          literal.lastIndex = i;
          const match = literal.exec(text);
          if (!match) return i;
          i += match[0].length;
          state = 'after';
        }
        break;
      case 'first-key':
      case 'key':
        if (state === 'first-key' && c === '}') {
          stack.pop();
          i++;
          state = 'after';
        } else {
          if (!readString()) return i;
          state = 'colon';
        }
        break;
      case 'colon':
        if (c !== ':') return i;
        i++;
        state = 'value';
        break;
      case 'after': {
        const open = stack[stack.length - 1];
        if (open === undefined) return i;
        if (c === ',') state = open === '{' ? 'key' : 'value';
        else if ((open === '{' && c === '}') || (open === '[' && c === ']')) {
          stack.pop();
          state = 'after';
        } else return i;
        i++;
        break;
      }
    }
  }
}
