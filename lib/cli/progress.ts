import type { CliIo } from './io';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Reports the progress of a long wait: redrawn in place on a terminal, one line per change elsewhere. */
export interface Progress {
  /** Reports the current state after `elapsedMs`. */
  update(state: string, elapsedMs: number): void;
  /** Ends the progress display with a final line. */
  done(message: string): void;
}

/**
 * Creates a progress reporter writing to standard error. On a terminal it redraws one line with a
 * spinner and the elapsed time; otherwise it stays quiet and line-oriented, printing a line only
 * when the state changes.
 */
export function createProgress(io: CliIo, label: string): Progress {
  let frame = 0;
  let lastState: string | undefined;
  return {
    update(state, elapsedMs) {
      const seconds = (elapsedMs / 1000).toFixed(1);
      if (io.isTTY) {
        io.err(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${label}: ${state} (${seconds}s)`);
      } else if (state !== lastState) {
        io.err(`${label}: ${state} (${seconds}s)\n`);
      }
      lastState = state;
    },
    done(message) {
      io.err(io.isTTY ? `\r\x1b[K✔ ${label}: ${message}\n` : `${label}: ${message}\n`);
    },
  };
}
