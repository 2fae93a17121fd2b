/**
 * The number of Unicode characters (code points) in a text: what "characters" means in every
 * length limit and message of the product (definition names, API key names). An emoji such as 🚀
 * is one character, not the two UTF-16 units `String.length` counts.
 *
 * @example
 * characterCount('🚀'.repeat(128)); // 128
 */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; a lone surrogate counts as one.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
