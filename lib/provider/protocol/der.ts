/**
 * DER (Distinguished Encoding Rules) building blocks, enough to write an X.509 certificate.
 * Each function returns the complete encoding (tag, length, content) of one element.
 */

/** Encodes a DER length. */
export function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Encodes one element from its tag byte and content. */
export function derTlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/** SEQUENCE of the given encoded elements. */
export function derSequence(...elements: Uint8Array[]): Buffer {
  return derTlv(0x30, Buffer.concat(elements));
}

/** SET of the given encoded elements. */
export function derSet(...elements: Uint8Array[]): Buffer {
  return derTlv(0x31, Buffer.concat(elements));
}

/**
 * A non-negative INTEGER from its big-endian magnitude, minimally encoded: leading zero bytes are
 * dropped, and one zero byte is added back when the high bit is set (else it would read as
 * negative). OpenSSL rejects any other form.
 */
export function derUnsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.length === 0 ? Buffer.from([0]) : Buffer.from(magnitude.subarray(start));
  return derTlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** A small non-negative INTEGER. */
export function derSmallInteger(value: number): Buffer {
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return derUnsignedInteger(Buffer.from(bytes.length > 0 ? bytes : [0]));
}

/** OBJECT IDENTIFIER from dotted form (`1.2.840.10045.4.3.2`). */
export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return derTlv(0x06, Buffer.from(bytes));
}

/** UTF8String. */
export function derUtf8String(text: string): Buffer {
  return derTlv(0x0c, Buffer.from(text, 'utf8'));
}

/** BOOLEAN. */
export function derBoolean(value: boolean): Buffer {
  return derTlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

/** OCTET STRING. */
export function derOctetString(content: Uint8Array): Buffer {
  return derTlv(0x04, content);
}

/** BIT STRING with no unused bits (a key or signature). */
export function derBitString(content: Uint8Array): Buffer {
  return derTlv(0x03, Buffer.concat([Buffer.from([0]), content]));
}

/**
 * BIT STRING of named bits (bit 0 is the most significant bit of the first byte), encoded with
 * trailing zero bits removed as DER requires (e.g. keyUsage).
 */
export function derNamedBits(bits: number[]): Buffer {
  const max = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(max / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)] |= 0x80 >> (bit % 8);
  const unused = 7 - (max % 8);
  return derTlv(0x03, Buffer.concat([Buffer.from([unused]), bytes]));
}

/**
 * A certificate validity time: UTCTime for years 1950-2049, GeneralizedTime otherwise
 * (RFC 5280 4.1.2.5), in whole seconds, UTC.
 */
export function derTime(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return derTlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'ascii'));
  return derTlv(0x18, Buffer.from(`${digits}Z`, 'ascii'));
}

/** A context-specific constructed element `[n]` (EXPLICIT tagging). */
export function derExplicit(n: number, content: Uint8Array): Buffer {
  return derTlv(0xa0 | n, content);
}

/** A context-specific primitive element `[n]` (IMPLICIT tagging of a primitive, e.g. dNSName). */
export function derImplicitPrimitive(n: number, content: Uint8Array): Buffer {
  return derTlv(0x80 | n, content);
}
