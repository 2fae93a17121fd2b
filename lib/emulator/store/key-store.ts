import type Database from 'better-sqlite3';

/** A stored API key. The secret itself is never stored: only its SHA-256. */
export interface KeyRow {
  /** The key id. */
  readonly id: number;
  /** The account it belongs to. */
  readonly accountId: number;
  /** Its human-readable name. */
  readonly name: string;
  /** `fdk_` and the next 4 characters of the secret. */
  readonly prefix: string;
  /** Whether it may manage keys. */
  readonly admin: boolean;
  /** When it was created (ms since the epoch). */
  readonly createdAt: number;
  /** When it stops working, or null for never. */
  readonly expiresAt: number | null;
  /** When it was revoked, or null while active. */
  readonly revokedAt: number | null;
}

/** What is needed to store a new key. */
export interface NewKey {
  /** The owning account. */
  readonly accountId: number;
  /** Its human-readable name. */
  readonly name: string;
  /** The SHA-256 of the secret, in hex. */
  readonly sha256: string;
  /** `fdk_` and the next 4 characters of the secret. */
  readonly prefix: string;
  /** Whether it may manage keys. */
  readonly admin: boolean;
  /** When it is created (ms). */
  readonly createdAt: number;
  /** When it stops working (ms), or null for never. */
  readonly expiresAt: number | null;
}

interface RawKeyRow {
  id: number;
  account_id: number;
  name: string;
  prefix: string;
  admin: number;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

const COLUMNS = 'id, account_id, name, prefix, admin, created_at, expires_at, revoked_at';

function toKeyRow(raw: RawKeyRow): KeyRow {
  return { id: raw.id, accountId: raw.account_id, name: raw.name, prefix: raw.prefix, admin: raw.admin === 1, createdAt: raw.created_at, expiresAt: raw.expires_at, revokedAt: raw.revoked_at };
}

/** API keys: lookup by hash for authentication, listing, creation and revocation. */
export class KeyStore {
  private readonly byHash: Database.Statement<[string], RawKeyRow>;
  private readonly byId: Database.Statement<[number, number], RawKeyRow>;
  private readonly byAccount: Database.Statement<[number], RawKeyRow>;
  private readonly insertKey: Database.Statement<[number, string, string, string, number, number, number | null]>;
  private readonly revokeKey: Database.Statement<[number, number]>;

  constructor(private readonly db: Database.Database) {
    this.byHash = db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE sha256 = ?`);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ? AND account_id = ?`);
    this.byAccount = db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE account_id = ? ORDER BY id DESC`);
    this.insertKey = db.prepare('INSERT INTO api_keys (account_id, name, sha256, prefix, admin, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.revokeKey = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  /** The key whose secret hashes to `sha256`, if any. */
  findByHash(sha256: string): KeyRow | undefined {
    const raw = this.byHash.get(sha256);
    return raw && toKeyRow(raw);
  }

  /** A key of the account by id, if any. */
  find(accountId: number, id: number): KeyRow | undefined {
    const raw = this.byId.get(id, accountId);
    return raw && toKeyRow(raw);
  }

  /** Every key of the account, revoked ones included, newest first. */
  list(accountId: number): KeyRow[] {
    return this.byAccount.all(accountId).map(toKeyRow);
  }

  /** Stores a new key (in its own transaction) and returns it. */
  create(key: NewKey): KeyRow {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.insertKey.run(key.accountId, key.name, key.sha256, key.prefix, key.admin ? 1 : 0, key.createdAt, key.expiresAt);
      return this.find(key.accountId, Number(lastInsertRowid)) as KeyRow;
    })();
  }

  /** Revokes a key at `now`; revoking a revoked key changes nothing. */
  revoke(id: number, now: number): void {
    this.db.transaction(() => this.revokeKey.run(now, id))();
  }
}
