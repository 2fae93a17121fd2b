import type Database from 'better-sqlite3';

/** A stored connection. */
export interface ConnectionRow {
  /** The connection id (global). */
  readonly id: number;
  /** The owning account. */
  readonly accountId: number;
  /** Whether pipelines read from it or write to it. */
  readonly role: 'source' | 'destination';
  /** The kind of system, e.g. `postgres`. */
  readonly type: string;
}

/**
 * The account's directory of existing things pipelines refer to: connections and notification
 * hooks. Lookups are scoped to an account: another account's connection does not exist.
 */
export class DirectoryStore {
  private readonly connection: Database.Statement<[number, number], { id: number; account_id: number; role: 'source' | 'destination'; type: string }>;
  private readonly hook: Database.Statement<[number, number], { id: number }>;

  constructor(db: Database.Database) {
    this.connection = db.prepare('SELECT id, account_id, role, type FROM connections WHERE id = ? AND account_id = ?');
    this.hook = db.prepare('SELECT id FROM hooks WHERE id = ? AND account_id = ?');
  }

  /** The account's connection with this id, if any. */
  findConnection(accountId: number, id: number): ConnectionRow | undefined {
    const raw = this.connection.get(id, accountId);
    return raw && { id: raw.id, accountId: raw.account_id, role: raw.role, type: raw.type };
  }

  /** Whether the account has a hook with this id. */
  hasHook(accountId: number, id: number): boolean {
    return this.hook.get(id, accountId) !== undefined;
  }
}
