import { characterCount } from '../definition';

/**
 * Control characters a terminal may act on: C0 (tab, newline and escape included), DEL, C1, and
 * the bidirectional overrides and isolates that reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text from the server or a file safe to print in human output: every control character is
 * shown as its escape (`\u001b`), so a pipeline name can neither move the cursor, recolour or
 * clear the terminal, nor break a table row.
 *
 * @example
 * printable('orders\u001b[2J'); // 'orders\\u001b[2J'
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Like {@link printable}, but keeps line breaks: for multi-line messages. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** Pads text with spaces to `width` Unicode characters (code points, not UTF-16 units). */
export function padCharacters(text: string, width: number): string {
  const count = characterCount(text);
  return count >= width ? text : text + ' '.repeat(width - count);
}
