import { utf8Text } from './utf8-text';

/** What {@link MsgpackReader.peekKind} reports about the next value. */
export type MsgpackKind = 'nil' | 'bool' | 'int' | 'float' | 'str' | 'bin' | 'array' | 'map' | 'ext';

/** A msgpack extension value: its type code and payload. */
export interface MsgpackExt {
  readonly type: number;
  readonly data: Uint8Array;
}

/**
 * A minimal msgpack decoder that reads one value at a time, so that a caller driven by a schema
 * can decide how to read each one.
 */
export class MsgpackReader {
  private pos = 0;
  private readonly view: DataView;

  /** @param buf - The encoded bytes. */
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** True when every byte was read. */
  done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** The kind of the next value, without reading it. */
  peekKind(): MsgpackKind {
    const b = this.peekByte();
    if (b <= 0x7f || b >= 0xe0) return 'int';
    if (b <= 0x8f) return 'map';
    if (b <= 0x9f) return 'array';
    if (b <= 0xbf) return 'str';
    switch (b) {
      case 0xc0:
        return 'nil';
      case 0xc2:
      case 0xc3:
        return 'bool';
      case 0xc4:
      case 0xc5:
      case 0xc6:
        return 'bin';
      case 0xc7:
      case 0xc8:
      case 0xc9:
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return 'ext';
      case 0xca:
      case 0xcb:
        return 'float';
      case 0xd9:
      case 0xda:
      case 0xdb:
        return 'str';
      case 0xdc:
      case 0xdd:
        return 'array';
      case 0xde:
      case 0xdf:
        return 'map';
      default:
        if (b >= 0xcc && b <= 0xd3) return 'int';
        throw new Error(`msgpack: invalid byte 0x${b.toString(16)}`);
    }
  }

  /** Reads nil. */
  nil(): null {
    this.expect(this.u8() === 0xc0, 'nil');
    return null;
  }

  /** Reads a bool. */
  bool(): boolean {
    const b = this.u8();
    this.expect(b === 0xc2 || b === 0xc3, 'bool');
    return b === 0xc3;
  }

  /** Reads an integer or a float as a number (64-bit integers beyond 2^53 lose precision). */
  number(): number {
    const b = this.u8();
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    switch (b) {
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.view.getUint16(this.advance(2));
      case 0xce:
        return this.view.getUint32(this.advance(4));
      case 0xcf:
        return Number(this.view.getBigUint64(this.advance(8)));
      case 0xd0:
        return this.view.getInt8(this.advance(1));
      case 0xd1:
        return this.view.getInt16(this.advance(2));
      case 0xd2:
        return this.view.getInt32(this.advance(4));
      case 0xd3:
        return Number(this.view.getBigInt64(this.advance(8)));
      case 0xca:
        return this.view.getFloat32(this.advance(4));
      case 0xcb:
        return this.view.getFloat64(this.advance(8));
    }
    throw new Error(`msgpack: expected a number at offset ${this.pos - 1}`);
  }

  /** Reads a str (or a bin, as UTF-8). */
  str(): string {
    const n = this.strOrBinLength();
    const at = this.advance(n);
    return utf8Text(this.buf, at, at + n);
  }

  /** Reads a bin (or a str) as bytes. */
  strOrBinBytes(): Uint8Array {
    return this.take(this.strOrBinLength());
  }

  /** Reads the header of a str or a bin: the length of the bytes that follow. */
  private strOrBinLength(): number {
    const b = this.u8();
    let n: number;
    if (b >= 0xa0 && b <= 0xbf) n = b & 0x1f;
    else if (b === 0xd9 || b === 0xc4) n = this.u8();
    else if (b === 0xda || b === 0xc5) n = this.view.getUint16(this.advance(2));
    else if (b === 0xdb || b === 0xc6) n = this.view.getUint32(this.advance(4));
    else throw new Error(`msgpack: expected a string at offset ${this.pos - 1}`);
    return n;
  }

  /** Reads an array header: the number of items that follow. */
  arrayHeader(): number {
    const b = this.u8();
    if (b >= 0x90 && b <= 0x9f) return b & 0x0f;
    if (b === 0xdc) return this.view.getUint16(this.advance(2));
    if (b === 0xdd) return this.view.getUint32(this.advance(4));
    throw new Error(`msgpack: expected an array at offset ${this.pos - 1}`);
  }

  /** Reads a map header: the number of key/value pairs that follow. */
  mapHeader(): number {
    const b = this.u8();
    if (b >= 0x80 && b <= 0x8f) return b & 0x0f;
    if (b === 0xde) return this.view.getUint16(this.advance(2));
    if (b === 0xdf) return this.view.getUint32(this.advance(4));
    throw new Error(`msgpack: expected a map at offset ${this.pos - 1}`);
  }

  /** Reads an extension value. */
  ext(): MsgpackExt {
    const b = this.u8();
    let n: number;
    switch (b) {
      case 0xd4:
        n = 1;
        break;
      case 0xd5:
        n = 2;
        break;
      case 0xd6:
        n = 4;
        break;
      case 0xd7:
        n = 8;
        break;
      case 0xd8:
        n = 16;
        break;
      case 0xc7:
        n = this.u8();
        break;
      case 0xc8:
        n = this.view.getUint16(this.advance(2));
        break;
      case 0xc9:
        n = this.view.getUint32(this.advance(4));
        break;
      default:
        throw new Error(`msgpack: expected an extension at offset ${this.pos - 1}`);
    }
    const type = this.view.getInt8(this.advance(1));
    return { type, data: this.take(n) };
  }

  /** Reads any value as plain JavaScript (maps become objects, ext values {@link MsgpackExt}). */
  any(): unknown {
    switch (this.peekKind()) {
      case 'nil':
        return this.nil();
      case 'bool':
        return this.bool();
      case 'int':
      case 'float':
        return this.number();
      case 'str':
        return this.str();
      case 'bin':
        return this.strOrBinBytes();
      case 'ext':
        return this.ext();
      case 'array': {
        const n = this.arrayHeader();
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(this.any());
        return out;
      }
      case 'map': {
        const n = this.mapHeader();
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = String(this.any());
          out[key] = this.any();
        }
        return out;
      }
    }
  }

  private peekByte(): number {
    if (this.pos >= this.buf.length) throw new Error('msgpack: unexpected end of data');
    return this.buf[this.pos];
  }

  private u8(): number {
    const b = this.peekByte();
    this.pos++;
    return b;
  }

  private advance(n: number): number {
    if (this.pos + n > this.buf.length) throw new Error('msgpack: unexpected end of data');
    const at = this.pos;
    this.pos += n;
    return at;
  }

  private take(n: number): Uint8Array {
    const at = this.advance(n);
    return this.buf.subarray(at, at + n);
  }

  private expect(ok: boolean, what: string): void {
    if (!ok) throw new Error(`msgpack: expected ${what} at offset ${this.pos - 1}`);
  }
}
