import type { Command } from 'commander';
import { join } from 'node:path';
import { installProvider } from '../../provider/install';
import type { CliIo } from '../io';
import { packageRoot } from '../package-info';

/** `integrateio provider install`: puts the Terraform provider where `terraform init` finds it offline. */
export function registerProvider(program: Command, io: CliIo): void {
  const provider = program.command('provider').description('the Terraform provider integrateio/integrateio');
  provider
    .command('install')
    .description('install the provider into a filesystem mirror (default: the implied mirror ~/.terraform.d/plugins)')
    .option('--dir <dir>', 'plugins directory to install into')
    .action((options: { dir?: string }) => {
      const entry = join(packageRoot(), 'dist', 'lib', 'provider', 'main.js');
      const path = installProvider({ pluginsDir: options.dir, entry });
      io.out(`Installed the provider at ${path}\n`);
    });
}
