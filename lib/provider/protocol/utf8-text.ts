/** Below this many bytes, ASCII text is decoded in JavaScript (cheaper than a call into Buffer). */
const SHORT_TEXT = 48;

/**
 * The text of UTF-8 `bytes` (invalid sequences become U+FFFD, as with `Buffer#toString`), without
 * copying them first: msgpack and protobuf readers hand out views into the request, and most of
 * their strings are short attribute names and values.
 */
export function utf8Text(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n < SHORT_TEXT) {
    let text = '';
    for (let i = 0; i < n; i++) {
      const b = bytes[i];
      if (b >= 0x80) return Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('utf8');
      text += String.fromCharCode(b);
    }
    return text;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('utf8');
}
