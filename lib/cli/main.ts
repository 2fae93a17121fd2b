import { Command, CommanderError } from 'commander';
import { registerAdopt } from './commands/adopt';
import { registerDemo } from './commands/demo';
import { registerEmulator } from './commands/emulator';
import { registerPipelines } from './commands/pipelines';
import { registerProvider } from './commands/provider';
import { registerValidate } from './commands/validate';
import { EXIT_USAGE, reportError } from './errors';
import { processIo, type CliIo } from './io';
import { packageVersion } from '../provider/install';

/** The package version, shown by `integrateio --version`. */
export const VERSION: string = packageVersion();

/** Builds the `integrateio` command tree writing to `io`. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('integrateio')
    .description('Integrate.io ELT & CDC pipelines as code: validate definitions, manage pipelines, run the local emulator')
    .version(VERSION)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerValidate(program, io, setExit);
  registerPipelines(program, io);
  registerEmulator(program, io);
  registerProvider(program, io);
  registerDemo(program, io);
  registerAdopt(program, io);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  return program;
}

/**
 * Runs the CLI with `argv` (as in process.argv) and resolves to the exit code: 0 on success, 1 when
 * the command failed, 2 when it was called the wrong way. Never throws.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help asked for (`--help`, `help`) and `--version` exit 0; help shown because a command is
      // missing (`integrateio pipelines`) comes with exit code 1 from commander: a usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    return reportError(err, io);
  }
}
