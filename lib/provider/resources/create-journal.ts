import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder of the journal under Terraform's data directory (`.terraform` or TF_DATA_DIR). */
export const JOURNAL_FOLDER = join('integrateio', 'pending-creates');

/**
 * One create the provider was about to send: written before the POST and removed once its
 * outcome is known, so that an entry left behind marks a create whose answer was lost.
 */
export interface PendingCreate {
  /** The entry's file name (without folder). */
  readonly file: string;
  /** The Terraform workspace (`terraform workspace`) of the run. */
  readonly workspace: string;
  /** sha256 of the API key, 16 hex digits: which account (never the key itself). */
  readonly keyHash: string;
  /** The API URL, for messages (not matched: a proxy to the same API is the same account). */
  readonly apiUrl: string;
  /** The pipeline name. */
  readonly name: string;
  /** sha256 of the canonical JSON of the definition. */
  readonly definitionHash: string;
  /** When the create was about to be sent (this machine's clock, ms since the epoch). */
  readonly attemptedAt: number;
  /** The highest pipeline id live in the account before the create (0 when none): whatever it made has a higher id. */
  readonly afterId: number;
}

/** sha256 of a text, hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The short account fingerprint stored in entries: sha256 of the key, 16 hex digits. */
export function keyFingerprint(apiKey: string): string {
  return sha256(apiKey).slice(0, 16);
}

/** Terraform's data directory of the working directory the provider runs in. */
export function terraformDataDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return resolve(cwd, env.TF_DATA_DIR && env.TF_DATA_DIR !== '' ? env.TF_DATA_DIR : '.terraform');
}

/** The selected Terraform workspace: TF_WORKSPACE, else the data directory's `environment` file, else `default`. */
export function terraformWorkspace(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.TF_WORKSPACE && env.TF_WORKSPACE !== '') return env.TF_WORKSPACE;
  try {
    const name = readFileSync(join(dataDir, 'environment'), 'utf8').trim();
    return name === '' ? 'default' : name;
  } catch {
    return 'default';
  }
}

/**
 * The journal of pending creates of one Terraform working directory, one small JSON file per
 * entry under `<data dir>/integrateio/pending-creates/` (written to a temporary name and renamed,
 * so a reader never sees half an entry; several provider processes may write at once).
 */
export class CreateJournal {
  /** The folder of the entries. */
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, JOURNAL_FOLDER);
  }

  /**
   * Records a create about to be sent and returns its entry.
   *
   * @throws Error from the file system when the entry cannot be written.
   */
  add(entry: Omit<PendingCreate, 'file'>): PendingCreate {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const file = `${entry.attemptedAt}-${randomUUID()}.json`;
    const temporary = join(this.folder, `.${file}.tmp`);
    writeFileSync(temporary, `${JSON.stringify({ ...entry, file }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, join(this.folder, file));
    return { ...entry, file };
  }

  /** Removes an entry (an entry already gone is fine). */
  remove(entry: PendingCreate): void {
    rmSync(join(this.folder, entry.file), { force: true });
  }

  /** The entries for this workspace, account, name and definition, oldest first; unreadable files are skipped. */
  matching(key: { workspace: string; keyHash: string; name: string; definitionHash: string }): PendingCreate[] {
    let files: string[];
    try {
      files = readdirSync(this.folder).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    } catch {
      return [];
    }
    const entries: PendingCreate[] = [];
    for (const file of files) {
      try {
        const e = JSON.parse(readFileSync(join(this.folder, file), 'utf8')) as PendingCreate;
        if (e.workspace === key.workspace && e.keyHash === key.keyHash && e.name === key.name && e.definitionHash === key.definitionHash && typeof e.attemptedAt === 'number' && typeof e.afterId === 'number') {
          entries.push({ ...e, file });
        }
      } catch {
        // A file that is not an entry: ignore it.
      }
    }
    return entries.sort((a, b) => a.attemptedAt - b.attemptedAt);
  }
}
