import { spawn } from 'node:child_process';

/** How one terraform command ended, with everything it printed. */
export interface TerraformRun {
  /** The exit code (-1 when a signal ended it). */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
  /** Standard output and error, interleaved as they arrived. */
  readonly output: string;
}

/** Options of {@link runTerraform}. */
export interface RunTerraformOptions {
  /** The working directory. */
  readonly cwd: string;
  /** The whole environment terraform runs with. */
  readonly env: NodeJS.ProcessEnv;
  /** Called for every line terraform prints, on either stream, as it arrives. */
  readonly onLine?: (line: string) => void;
}

/**
 * Runs `terraform ARGS…` without blocking the event loop (an emulator in this process must keep
 * answering the provider) and resolves with its exit code and output; it never rejects on a
 * non-zero exit, and rejects with an install hint when terraform is not on the PATH. The one
 * runner of the demo, the benchmark and the tests.
 */
export function runTerraform(args: readonly string[], options: RunTerraformOptions): Promise<TerraformRun> {
  const { cwd, env, onLine } = options;
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let output = '';
    let pending = '';
    const take = (text: string) => {
      output += text;
      if (!onLine) return;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stdout += text;
      take(text);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      take(text);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new Error('terraform is not on the PATH: install Terraform 1.11 or later') : err);
    });
    child.on('close', (code) => {
      if (onLine && pending !== '') onLine(pending);
      resolve({ code: code ?? -1, stdout, stderr, output });
    });
  });
}

const PROGRESS = /(Creating\.\.\.|Creation complete|Still creating|Modifying\.\.\.|Modifications complete|Still modifying|Destroying\.\.\.|Destruction complete|Apply complete|No changes\.|Error:)/;

/** True for the lines of `terraform apply` worth showing as progress. */
export function isProgressLine(line: string): boolean {
  return PROGRESS.test(line);
}
