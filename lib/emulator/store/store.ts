import type Database from 'better-sqlite3';
import { DirectoryStore } from './directory-store';
import { KeyStore } from './key-store';
import { openDatabase } from './open-database';
import { PipelineStore } from './pipeline-store';

/** The emulator's persistence: one SQLite database and the stores over it. */
export class EmulatorStore {
  /** API keys. */
  readonly keys: KeyStore;
  /** Connections and hooks. */
  readonly directory: DirectoryStore;
  /** Pipelines. */
  readonly pipelines: PipelineStore;

  private constructor(readonly db: Database.Database) {
    this.keys = new KeyStore(db);
    this.directory = new DirectoryStore(db);
    this.pipelines = new PipelineStore(db);
  }

  /** Opens the database at `path` (see {@link openDatabase}). */
  static open(path: string): EmulatorStore {
    return new EmulatorStore(openDatabase(path));
  }

  /** Closes the database; later calls do nothing. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
