/**
 * Protocol Buffers wire format: the few primitives the provider needs (varints, length-delimited
 * fields), without a runtime library to load at start-up.
 */

/** Wire types of the protobuf encoding. */
export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/** Builds one protobuf message by appending fields. */
export class ProtoWriter {
  private readonly chunks: Buffer[] = [];
  private pending: number[] = [];

  /** Appends a field tag. */
  tag(fieldNumber: number, wireType: number): this {
    return this.varint(fieldNumber * 8 + wireType);
  }

  /** Appends a varint; negative numbers take ten bytes (two's complement of 64 bits). */
  varint(value: number): this {
    if (value < 0) {
      let big = BigInt.asUintN(64, BigInt(Math.trunc(value)));
      while (big >= 0x80n) {
        this.pending.push(Number(big & 0x7fn) | 0x80);
        big >>= 7n;
      }
      this.pending.push(Number(big));
      return this;
    }
    let v = Math.trunc(value);
    while (v >= 0x80) {
      this.pending.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.pending.push(v);
    return this;
  }

  /** Appends a length-delimited payload (bytes, string or submessage). */
  bytes(payload: Uint8Array): this {
    this.varint(payload.length);
    this.flush();
    this.chunks.push(Buffer.from(payload.buffer, payload.byteOffset, payload.length));
    return this;
  }

  /** The encoded message. */
  finish(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }

  private flush(): void {
    if (this.pending.length > 0) {
      this.chunks.push(Buffer.from(this.pending));
      this.pending = [];
    }
  }
}

/** Reads the fields of one protobuf message in order. */
export class ProtoReader {
  private pos = 0;

  /** @param buf - The encoded message. */
  constructor(private readonly buf: Uint8Array) {}

  /** True when every byte was read. */
  done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** Reads a field tag. */
  tag(): { fieldNumber: number; wireType: number } {
    const key = this.varint();
    return { fieldNumber: Math.floor(key / 8), wireType: key % 8 };
  }

  /** Reads a varint as a number (a 64-bit value is read as signed). */
  varint(): number {
    let result = 0;
    let factor = 1;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new Error('protobuf: truncated varint');
      const byte = this.buf[this.pos++];
      if (i < 7) {
        result += (byte & 0x7f) * factor;
        factor *= 0x80;
      }
      if ((byte & 0x80) === 0) {
        return i < 7 ? result : this.bigVarint(start);
      }
    }
    throw new Error('protobuf: varint longer than 10 bytes');
  }

  /** Reads a length-delimited payload. */
  bytes(): Uint8Array {
    const length = this.varint();
    if (this.pos + length > this.buf.length) throw new Error('protobuf: truncated field');
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** Skips a field of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint:
        this.varint();
        return;
      case WireType.fixed64:
        this.pos += 8;
        return;
      case WireType.lengthDelimited:
        this.bytes();
        return;
      case WireType.fixed32:
        this.pos += 4;
        return;
      default:
        throw new Error(`protobuf: unsupported wire type ${wireType}`);
    }
  }

  private bigVarint(start: number): number {
    let big = 0n;
    let shift = 0n;
    for (let p = start; p < this.pos; p++) {
      big |= BigInt(this.buf[p] & 0x7f) << shift;
      shift += 7n;
    }
    return Number(BigInt.asIntN(64, big));
  }
}
