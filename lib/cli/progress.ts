import type { CliIo } from './io';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Reports the progress of a long wait: redrawn in place on a terminal, one line per change elsewhere. */
export interface Progress {
  /** Reports the current state after `elapsedMs`. */
  update(state: string, elapsedMs: number): void;
  /** Ends the progress display with a final line (elsewhere than a terminal, only when it adds a state not yet printed). */
  done(message: string): void;
  /** Ends the progress display without a final line, so that an error printed next starts on a line of its own. */
  interrupt(): void;
}

/**
 * Creates a progress reporter writing to standard error. On a terminal it redraws one line with a
 * spinner and the elapsed time; otherwise it stays quiet and line-oriented, printing a line only
 * when the state changes.
 */
export function createProgress(io: CliIo, label: string): Progress {
  let frame = 0;
  let lastState: string | undefined;
  let drawn = false;
  return {
    update(state, elapsedMs) {
      const seconds = (elapsedMs / 1000).toFixed(1);
      if (io.isTTY) {
        io.err(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${label}: ${state} (${seconds}s)`);
        drawn = true;
      } else if (state !== lastState) {
        io.err(`${label}: ${state} (${seconds}s)\n`);
      }
      lastState = state;
    },
    done(message) {
      if (io.isTTY) io.err(`\r\x1b[K✔ ${label}: ${message}\n`);
      else if (message !== lastState) io.err(`${label}: ${message}\n`);
      drawn = false;
    },
    interrupt() {
      if (io.isTTY && drawn) io.err('\n');
      drawn = false;
    },
  };
}
