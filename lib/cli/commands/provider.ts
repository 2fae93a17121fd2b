import type { Command } from 'commander';
import { installProviderRelease, packageRelease, RELEASE_PLATFORMS, type InstalledProvider } from '../../provider/release';
import { UsageError, type CliIo } from '../io';

/** Options shared by `provider install` and the demo. */
export interface ProviderInstallCliOptions {
  /** The plugins directory (default: the implied mirror ~/.terraform.d/plugins). */
  readonly dir?: string;
  /** A release folder made by `provider package` to install from. */
  readonly from?: string;
  /** Install the portable provider even on linux_amd64. */
  readonly portable?: boolean;
  /** The pinned Node.js binary for the single executable. */
  readonly nodeBinary?: string;
}

/** Installs the provider from its release package (see `installProviderRelease`) and says what was installed. */
export function installProviderForCli(options: ProviderInstallCliOptions): InstalledProvider {
  return installProviderRelease({ pluginsDir: options.dir, from: options.from, portable: options.portable, nodeBinary: options.nodeBinary });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `integrateio provider install` and `integrateio provider package`. */
export function registerProvider(program: Command, io: CliIo): void {
  const provider = program.command('provider').description('the Terraform provider integrateio/integrateio');
  provider
    .command('install')
    .description("install this machine's package of the provider release into a filesystem mirror (default: the implied mirror ~/.terraform.d/plugins)")
    .option('--dir <dir>', 'plugins directory to install into')
    .option('--from <release>', 'install from a release folder written by `integrateio provider package` instead of packaging here')
    .option('--portable', 'install the portable provider (needs Node.js >= 20 on the PATH) even on linux_amd64, where lock files made from the release will not accept it')
    .option('--node-binary <path>', 'the official Node.js 20.20.2 linux-x64 binary to build the single executable from')
    .action((options: ProviderInstallCliOptions) => {
      const installed = installProviderForCli(options);
      io.out(`Installed the provider ${installed.version} (${installed.platform}, ${installed.flavor}) at ${installed.executable}\n`);
      io.out(`${installed.h1}\n`);
    });
  provider
    .command('package')
    .description('write a provider release: per-platform zips, SHA256SUMS, a packed filesystem mirror and network mirror files')
    .requiredOption('--out <dir>', 'folder to write the release into')
    .option('--platform <os_arch>', `platform to package, repeatable (default: ${RELEASE_PLATFORMS.join(', ')})`, collect)
    .option('--portable', 'give linux_amd64 the portable provider too (needs Node.js >= 20 on the runner) instead of the single executable')
    .option('--node-binary <path>', 'the official Node.js 20.20.2 linux-x64 binary to build the single executable from')
    .action((options: { out: string; platform?: string[]; portable?: boolean; nodeBinary?: string }) => {
      const unknown = (options.platform ?? []).filter((p) => !RELEASE_PLATFORMS.includes(p));
      if (unknown.length > 0) throw new UsageError(`--platform ${unknown[0]} is not released: choose from ${RELEASE_PLATFORMS.join(', ')}`);
      const release = packageRelease({ out: options.out, platforms: options.platform, portable: options.portable, nodeBinary: options.nodeBinary });
      for (const pkg of release.packages) io.out(`${pkg.platform}  ${pkg.flavor}  ${pkg.h1}\n`);
      io.out(`Wrote the release ${release.version} to ${release.dir} (filesystem and network mirror: ${release.mirrorDir})\n`);
    });
}
