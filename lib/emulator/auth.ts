import { EmulatorHttpError } from './errors';
import { hashKey } from './key-values';
import type { KeyStore } from './store/key-store';

/** The authenticated caller of a request. */
export interface Caller {
  /** The caller's account. */
  readonly accountId: number;
  /** The id of the key used. */
  readonly keyId: number;
  /** Whether the key may manage keys. */
  readonly admin: boolean;
}

const BEARER = /^Bearer +(\S+) *$/i;
const KEY_SHAPE = /^fdk_[A-Za-z0-9_]{1,512}$/;

function unauthorized(message: string): EmulatorHttpError {
  return new EmulatorHttpError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' });
}

/**
 * Authenticates a request from its Authorization header: `Bearer fdk_…` naming a key that exists,
 * is not revoked and has not expired. The key is looked up by its SHA-256; it is never logged.
 *
 * @throws EmulatorHttpError 401 `unauthorized` otherwise, saying which of these it was.
 */
export function authenticate(header: string | undefined, keys: KeyStore, now: number): Caller {
  if (header === undefined || header.trim() === '') {
    throw unauthorized('missing API key: send the header Authorization: Bearer fdk_<your-key>');
  }
  const match = BEARER.exec(header);
  if (match === null || !KEY_SHAPE.test(match[1])) {
    throw unauthorized('malformed Authorization header: send Authorization: Bearer fdk_<your-key>');
  }
  const key = keys.findByHash(hashKey(match[1]));
  if (key === undefined) throw unauthorized('invalid API key: it does not exist; check the value or mint a new key');
  if (key.revokedAt !== null) throw unauthorized('this API key was revoked: mint a new one');
  if (key.expiresAt !== null && key.expiresAt <= now) throw unauthorized('this API key has expired: mint a new one');
  return { accountId: key.accountId, keyId: key.id, admin: key.admin };
}

/**
 * Checks that the caller may manage API keys.
 *
 * @throws EmulatorHttpError 403 `forbidden` for a non-admin key.
 */
export function requireAdmin(caller: Caller): void {
  if (!caller.admin) throw new EmulatorHttpError(403, 'forbidden', 'managing API keys needs an admin key: ask an account admin');
}
