/** Below this many bytes, ASCII text is decoded in JavaScript (cheaper than a call into Buffer). */
const SHORT_TEXT = 48;

/**
 * The text of the UTF-8 bytes `bytes[start..end)` (the whole array by default; invalid sequences
 * become U+FFFD, as with `Buffer#toString`), without copying them first: msgpack and protobuf
 * readers read strings straight out of the request, and most of their strings are short
 * attribute names and values.
 */
export function utf8Text(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const n = end - start;
  if (n < SHORT_TEXT) {
    let text = '';
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (b >= 0x80) return Buffer.from(bytes.buffer, bytes.byteOffset + start, n).toString('utf8');
      text += String.fromCharCode(b);
    }
    return text;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, n).toString('utf8');
}
