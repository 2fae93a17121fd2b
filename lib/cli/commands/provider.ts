import type { Command } from 'commander';
import { join } from 'node:path';
import { installProvider } from '../../provider/install';
import type { CliIo } from '../io';
import { packageRoot } from '../package-info';

/**
 * Installs the provider, bundled into one file when esbuild is available (it starts faster: Terraform
 * launches it 3 to 5 times per command), else as the compiled files. Returns the executable's path.
 */
export function installProviderForCli(io: CliIo, pluginsDir: string | undefined, bundle: boolean): string {
  const entry = join(packageRoot(), 'dist', 'lib', 'provider', 'main.js');
  if (!bundle) return installProvider({ pluginsDir, entry });
  try {
    return installProvider({ pluginsDir, entry, bundle: true });
  } catch (err) {
    io.err(`note: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; installing the compiled files instead\n`);
    return installProvider({ pluginsDir, entry });
  }
}

/** `integrateio provider install`: puts the Terraform provider where `terraform init` finds it offline. */
export function registerProvider(program: Command, io: CliIo): void {
  const provider = program.command('provider').description('the Terraform provider integrateio/integrateio');
  provider
    .command('install')
    .description('install the provider into a filesystem mirror (default: the implied mirror ~/.terraform.d/plugins)')
    .option('--dir <dir>', 'plugins directory to install into')
    .option('--no-bundle', 'install the compiled files as they are instead of one bundled file')
    .action((options: { dir?: string; bundle: boolean }) => {
      const path = installProviderForCli(io, options.dir, options.bundle);
      io.out(`Installed the provider at ${path}\n`);
    });
}
