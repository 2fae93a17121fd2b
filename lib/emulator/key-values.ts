import { createHash, randomInt } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The SHA-256 of a key's secret, in hex: all the emulator ever stores of a key. */
export function hashKey(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** The part of a key shown in listings: `fdk_` and the next 4 characters. */
export function keyPrefix(value: string): string {
  return value.slice(0, 8);
}

/** A fresh secret: `fdk_` and 32 base62 characters from a cryptographic source. */
export function generateKeyValue(): string {
  let out = 'fdk_';
  for (let i = 0; i < 32; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}
