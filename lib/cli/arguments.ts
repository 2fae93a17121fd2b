import { UsageError } from './io';

/** Parses a pipeline id argument: a positive whole number. */
export function parseId(text: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(text)) throw new UsageError(`pipeline id must be a positive whole number, got "${text}"`);
  return Number(text);
}

/** Parses a non-negative number option such as a timeout in seconds or a fault rate. */
export function parseNumber(name: string, text: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new UsageError(`${name} must be a number from 0 to ${max}, got "${text}"`);
  }
  return value;
}
