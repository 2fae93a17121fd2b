import type Database from 'better-sqlite3';
import { hashKey, keyPrefix } from '../key-values';
import type { EmulatorSeed } from '../seed';
import { parseRfc3339 } from '../time';

/**
 * Fills an empty database with the seed, in one transaction. A database that already has accounts
 * is left alone: the seed applies once, at creation.
 *
 * @returns true when the seed was applied.
 */
export function applySeed(db: Database.Database, seed: EmulatorSeed, now: number): boolean {
  return db.transaction(() => {
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number };
    if (n > 0) return false;
    const account = db.prepare('INSERT INTO accounts (name, created_at) VALUES (?, ?)');
    const key = db.prepare('INSERT INTO api_keys (account_id, name, sha256, prefix, admin, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const connection = db.prepare('INSERT INTO connections (id, account_id, role, type) VALUES (?, ?, ?, ?)');
    const hook = db.prepare('INSERT INTO hooks (id, account_id, name) VALUES (?, ?, ?)');
    for (const a of seed.accounts) {
      const accountId = Number(account.run(a.name, now).lastInsertRowid);
      for (const k of a.keys) {
        key.run(accountId, k.name, hashKey(k.value), keyPrefix(k.value), k.admin ? 1 : 0, now, k.expires_at === undefined ? null : (parseRfc3339(k.expires_at) ?? null));
      }
      for (const c of a.connections) connection.run(c.id, accountId, c.role, c.type);
      for (const h of a.hooks) hook.run(h.id, accountId, h.name);
    }
    return true;
  })();
}
