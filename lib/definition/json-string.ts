/**
 * The offset of the closing quote of the JSON string whose opening quote is at `start` (escapes
 * skipped); `text.length` when the text ends first. Shared by the linear scans of JSON texts.
 */
export function jsonStringEnd(text: string, start: number): number {
  let i = start + 1;
  for (; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
  return i;
}

/** The value of the JSON string from the quote at `start` to the quote at `end`, unescaped only when it has escapes. */
export function jsonStringValue(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end + 1)) as string) : raw;
}
