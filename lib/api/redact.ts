/**
 * Matches an Integrate.io API key: the `fdk_` prefix and the characters a key or a token made from
 * it can contain. Global, so `replace` covers every occurrence.
 */
const KEY_PATTERN = /fdk_[A-Za-z0-9_\-.~+/=]+/g;

/** What a key is replaced with. */
export const REDACTED_KEY = 'fdk_***';

/**
 * Replaces every API key (`fdk_…`) in a text with `fdk_***`.
 *
 * The client runs every message, server text and cause it surfaces through this, so a key never
 * reaches an error, an event or a log line; callers may use it for their own output too.
 *
 * @example
 * redactSecrets('Authorization: Bearer fdk_abc123'); // 'Authorization: Bearer fdk_***'
 */
export function redactSecrets(text: string): string {
  return String(text).replace(KEY_PATTERN, REDACTED_KEY);
}

/** True when a text holds something that looks like an API key. */
export function containsSecret(text: string): boolean {
  KEY_PATTERN.lastIndex = 0;
  const found = KEY_PATTERN.test(text);
  KEY_PATTERN.lastIndex = 0;
  return found;
}

/** True for an Error from any realm (Node's fetch errors are not `instanceof Error` inside a VM context). */
function isErrorLike(value: unknown): value is Error {
  return value !== null && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string';
}

const CLONED_PROPERTIES = ['code', 'errno', 'syscall', 'name'] as const;

/**
 * Returns a cause that is safe to surface: the value itself when nothing in its message, stack or
 * chain of causes looks like a key, else a plain `Error` copy with every key redacted (keeping
 * `name`, `code`, `errno` and `syscall`). Goes at most `depth` causes deep.
 */
export function redactCause(cause: unknown, depth = 5): unknown {
  if (cause === undefined || cause === null) return cause;
  if (typeof cause === 'string') return redactSecrets(cause);
  if (!isErrorLike(cause)) {
    let text: string;
    try {
      text = JSON.stringify(cause) ?? String(cause);
    } catch {
      text = String(cause);
    }
    return containsSecret(text) ? redactSecrets(text) : cause;
  }
  const inner = (cause as { cause?: unknown }).cause;
  const safeInner = depth > 0 ? redactCause(inner, depth - 1) : undefined;
  const clean = !containsSecret(cause.message) && !containsSecret(cause.stack ?? '') && safeInner === inner;
  if (clean) return cause;
  const copy = new Error(redactSecrets(cause.message), safeInner === undefined ? undefined : { cause: safeInner });
  for (const key of CLONED_PROPERTIES) {
    const value = (cause as unknown as Record<string, unknown>)[key];
    if (value !== undefined) (copy as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? redactSecrets(value) : value;
  }
  copy.stack = redactSecrets(cause.stack ?? copy.stack ?? '');
  return copy;
}
