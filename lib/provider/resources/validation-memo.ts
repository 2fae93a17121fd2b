import { createHash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How long a definition the API accepted counts as validated: 15 minutes. */
export const VALIDATION_MEMO_TTL_MS = 15 * 60 * 1000;

/**
 * Remembers, across provider launches, which definitions the API's validate endpoint accepted.
 *
 * `terraform apply` plans every change twice: once in its plan walk and again in its apply walk,
 * each time in a new provider process. Without this, each changed pipeline would cost two validate
 * calls per apply. A success is remembered for {@link VALIDATION_MEMO_TTL_MS} as an empty file
 * whose name is a hash of the API URL, a hash of the key, the target (new or the pipeline id) and
 * the canonical definition; nothing readable, and never the key, is stored. Failures are never
 * remembered, and the create or replace itself is still checked by the API.
 */
export class ValidationMemo {
  readonly #dir: string;
  readonly #scope: string;

  constructor(apiUrl: string, apiKey: string, dir: string = join(tmpdir(), `integrateio-provider-${process.getuid?.() ?? 'user'}`, 'validated')) {
    this.#dir = dir;
    this.#scope = createHash('sha256').update(apiUrl).update('\n').update(createHash('sha256').update(apiKey).digest('hex')).digest('hex');
  }

  #file(target: string, canonicalJson: string): string {
    const name = createHash('sha256').update(this.#scope).update('\n').update(target).update('\n').update(canonicalJson).digest('hex');
    return join(this.#dir, name);
  }

  /** True when this definition was accepted for this target within the TTL. */
  has(target: string, canonicalJson: string, now = Date.now()): boolean {
    try {
      return now - statSync(this.#file(target, canonicalJson)).mtimeMs < VALIDATION_MEMO_TTL_MS;
    } catch {
      return false;
    }
  }

  /** Records that the API accepted this definition for this target. Failing to record is harmless. */
  remember(target: string, canonicalJson: string): void {
    try {
      mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
      writeFileSync(this.#file(target, canonicalJson), '', { mode: 0o600 });
    } catch {
      // Without the memo the next plan validates again: slower, still correct.
    }
  }
}
