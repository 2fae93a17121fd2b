/**
 * A minimal msgpack encoder: exactly the formats Terraform's values use (nil, bool, int, float64,
 * str, bin, array, map, ext).
 */
export class MsgpackWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;

  /** Writes nil. */
  nil(): void {
    this.byte(0xc0);
  }

  /** Writes true or false. */
  bool(value: boolean): void {
    this.byte(value ? 0xc3 : 0xc2);
  }

  /** Writes a safe integer in its smallest encoding. */
  int(value: number): void {
    if (!Number.isSafeInteger(value)) throw new Error(`msgpack: ${value} is not a safe integer`);
    if (value >= 0) {
      if (value < 0x80) this.byte(value);
      else if (value <= 0xff) this.byte(0xcc).u8(value);
      else if (value <= 0xffff) this.byte(0xcd).room(2).buf.writeUInt16BE(value, this.advance(2));
      else if (value <= 0xffffffff) this.byte(0xce).room(4).buf.writeUInt32BE(value, this.advance(4));
      else this.byte(0xcf).room(8).buf.writeBigUInt64BE(BigInt(value), this.advance(8));
    } else if (value >= -32) this.byte(0x100 + value);
    else if (value >= -0x80) this.byte(0xd0).room(1).buf.writeInt8(value, this.advance(1));
    else if (value >= -0x8000) this.byte(0xd1).room(2).buf.writeInt16BE(value, this.advance(2));
    else if (value >= -0x80000000) this.byte(0xd2).room(4).buf.writeInt32BE(value, this.advance(4));
    else this.byte(0xd3).room(8).buf.writeBigInt64BE(BigInt(value), this.advance(8));
  }

  /** Writes a float64. */
  float64(value: number): void {
    this.byte(0xcb).room(8).buf.writeDoubleBE(value, this.advance(8));
  }

  /** Writes a UTF-8 string. */
  str(value: string): void {
    if (value.length < 32 && this.shortAscii(value)) return;
    const bytes = Buffer.from(value, 'utf8');
    const n = bytes.length;
    if (n < 32) this.byte(0xa0 | n);
    else if (n <= 0xff) this.byte(0xd9).u8(n);
    else if (n <= 0xffff) this.byte(0xda).u16(n);
    else this.byte(0xdb).u32(n);
    this.raw(bytes);
  }

  /** Writes a byte string (bin). */
  bin(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n <= 0xff) this.byte(0xc4).u8(n);
    else if (n <= 0xffff) this.byte(0xc5).u16(n);
    else this.byte(0xc6).u32(n);
    this.raw(bytes);
  }

  /** Starts an array of `length` items. */
  arrayHeader(length: number): void {
    if (length < 16) this.byte(0x90 | length);
    else if (length <= 0xffff) this.byte(0xdc).u16(length);
    else this.byte(0xdd).u32(length);
  }

  /** Starts a map of `length` key/value pairs. */
  mapHeader(length: number): void {
    if (length < 16) this.byte(0x80 | length);
    else if (length <= 0xffff) this.byte(0xde).u16(length);
    else this.byte(0xdf).u32(length);
  }

  /** Writes raw bytes (an already-encoded value). */
  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** The encoded bytes. */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** Writes a string of fewer than 32 characters as a fixstr when it is all ASCII; false otherwise (nothing written). */
  private shortAscii(value: string): boolean {
    const n = value.length;
    for (let i = 0; i < n; i++) if (value.charCodeAt(i) >= 0x80) return false;
    this.room(n + 1);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 0xa0 | n;
    for (let i = 0; i < n; i++) buf[pos++] = value.charCodeAt(i);
    this.pos = pos;
    return true;
  }

  private byte(b: number): this {
    this.room(1);
    this.buf[this.pos++] = b;
    return this;
  }

  private u8(n: number): this {
    return this.byte(n);
  }

  private u16(n: number): this {
    this.room(2).buf.writeUInt16BE(n, this.advance(2));
    return this;
  }

  private u32(n: number): this {
    this.room(4).buf.writeUInt32BE(n, this.advance(4));
    return this;
  }

  private advance(n: number): number {
    const at = this.pos;
    this.pos += n;
    return at;
  }

  private room(n: number): this {
    if (this.pos + n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
    return this;
  }
}
