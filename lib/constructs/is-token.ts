import { Token } from 'cdktf';

/**
 * Numbers smaller than this (in magnitude) are never tokens: cdktf encodes a number token as a
 * double whose top 16 bits are a marker (0xfdff, or 0xfbff for a list), about ±1e289 and beyond.
 */
const SMALLER_THAN_ANY_NUMBER_TOKEN = 1e280;

/**
 * `Token.isUnresolved(value)`, with the same answer, made cheap for the values that are plainly
 * not tokens: a string without a token marker, a number of ordinary size, a boolean, an object
 * without a `resolve` method and without a map-token key. cdktf's own test runs a regular
 * expression on every string and allocates a buffer for every number, and synth tests every
 * value of every definition several times.
 *
 * @example
 * isToken(variable.stringValue); // true
 * isToken('public.orders'); // false
 */
export function isToken(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return value.includes('TfToken[') && Token.isUnresolved(value);
    case 'number':
      return !(Math.abs(value) < SMALLER_THAN_ANY_NUMBER_TOKEN) && Token.isUnresolved(value);
    case 'object':
      if (value === null) return false;
      if (Array.isArray(value)) return value.length === 1 && Token.isUnresolved(value);
      if (typeof (value as { resolve?: unknown }).resolve === 'function') return true;
      for (const key of Object.keys(value)) if (key.includes('TfToken[')) return Token.isUnresolved(value);
      return false;
    default:
      return Token.isUnresolved(value);
  }
}
