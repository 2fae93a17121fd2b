import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema';

/**
 * Opens (creating when needed, parent directories included) the emulator's SQLite database in WAL
 * mode and brings its schema up to date. `:memory:` gives a database that lives as long as the
 * emulator.
 *
 * Writes are committed with `synchronous = NORMAL`: a killed emulator process loses no committed
 * transaction (only a power loss could lose the last ones).
 *
 * @throws Error naming the path when the file cannot be opened or is not an emulator database.
 */
export function openDatabase(path: string): Database.Database {
  const memory = path === ':memory:' || path === '';
  let db: Database.Database | undefined;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    db = new Database(memory ? ':memory:' : path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    throw new Error(`cannot open the emulator database ${path}: ${(err as Error).message}`);
  }
}
