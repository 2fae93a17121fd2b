import type { Command } from 'commander';
import { parseNumber } from '../arguments';
import { checkEmulatorDependencies } from '../load-emulator';
import type { CliIo } from '../io';

/** `integrateio demo`: the whole product end to end on the embedded emulator. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('run the main job end to end: emulator, provider, CDKTF example app, terraform apply')
    .option('--data-dir <dir>', 'where the demo keeps its data (default .integrateio/demo)')
    .option('--port <port>', 'emulator port (a free one when taken)', '8787')
    .option('--serve', 'keep the emulator running afterwards, until Ctrl-C')
    .action(async (options: { dataDir?: string; port: string; serve?: boolean }) => {
      checkEmulatorDependencies();
      const { runDemo } = await import('../demo/demo');
      await runDemo(io, { dataDir: options.dataDir, port: parseNumber('--port', options.port, 65535), serve: options.serve });
    });
}
