import type Database from 'better-sqlite3';

/** The schema version this emulator writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = 1;

/*
 * Timestamps are INTEGER milliseconds since the epoch (UTC). AUTOINCREMENT keeps ids increasing
 * across restarts and deletes: an archived pipeline's id is never reused. Pipeline ids are global
 * across accounts; connection and hook ids come from the seed and are global too.
 */
const DDL = `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  admin INTEGER NOT NULL CHECK (admin IN (0, 1)),
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_keys_by_account ON api_keys (account_id, id);
CREATE TABLE connections (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('source', 'destination')),
  type TEXT NOT NULL
);
CREATE TABLE hooks (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL
);
CREATE TABLE pipelines (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  source_minutes INTEGER NOT NULL,
  destination_minutes INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('stopped', 'deployed')),
  transition TEXT CHECK (transition IN ('start', 'stop', 'force_stop')),
  transition_at INTEGER,
  source_anchor_at INTEGER,
  destination_anchor_at INTEGER,
  last_source_sync_at INTEGER,
  last_destination_sync_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  archived_at INTEGER
);
CREATE INDEX pipelines_by_account ON pipelines (account_id, archived_at, id);
`;

/**
 * Creates the schema in a new database, or checks the version of an existing one.
 *
 * @throws Error when the database was written by a newer emulator.
 */
export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) {
    throw new Error(`the emulator database has schema version ${version}, newer than this emulator's ${SCHEMA_VERSION}: upgrade the emulator or use another --data file`);
  }
  db.transaction(() => {
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
