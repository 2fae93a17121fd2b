import { spawn } from 'node:child_process';

/** How one terraform command ended, with everything it printed (for the error message). */
export interface TerraformRun {
  /** The exit code. */
  readonly code: number;
  /** Standard output and error, interleaved. */
  readonly output: string;
}

/**
 * Runs `terraform ARGS…` in `cwd` without blocking the event loop (an emulator in this process
 * must keep answering the provider), calling `onLine` for every line it prints.
 */
export function runTerraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<TerraformRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new Error('terraform is not on the PATH: install Terraform 1.11 or later') : err);
    });
    child.on('close', (code) => {
      if (pending !== '') onLine(pending);
      resolve({ code: code ?? 1, output });
    });
  });
}

const PROGRESS = /(Creating\.\.\.|Creation complete|Still creating|Modifying\.\.\.|Modifications complete|Still modifying|Destroying\.\.\.|Destruction complete|Apply complete|No changes\.|Error:)/;

/** True for the lines of `terraform apply` worth showing as progress. */
export function isProgressLine(line: string): boolean {
  return PROGRESS.test(line);
}
