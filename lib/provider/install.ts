import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_TYPE, terraformPlatform } from './release/platforms';
import { bundleFile } from './release/bundle';
import { packageVersion } from './release/package-root';

export { PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_TYPE, terraformPlatform } from './release/platforms';
export { packageVersion } from './release/package-root';

/** Options of {@link installProvider}. */
export interface InstallProviderOptions {
  /**
   * The plugins directory (an unpacked filesystem mirror).
   * @default ~/.terraform.d/plugins (the mirror Terraform looks in without configuration)
   */
  readonly pluginsDir?: string;
  /**
   * The version to install as.
   * @default the version in this package's package.json
   */
  readonly version?: string;
  /** Absolute path of the compiled provider entry (the JavaScript file that calls `serveProvider`). */
  readonly entry: string;
  /**
   * The Node.js binary the wrapper runs.
   * @default process.execPath (the Node.js running this installation)
   */
  readonly nodePath?: string;
  /**
   * Bundle the entry and everything it requires into one file next to the wrapper (with esbuild,
   * which must be installed), and run that.
   * @default false
   */
  readonly bundle?: boolean;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Development only: installs a `sh` wrapper running any provider entry (for example a test-only
 * provider) into an unpacked filesystem mirror. The wrapper holds absolute paths, so its `h1:` hash
 * differs per machine and checkout: users and lock files get the release instead
 * (`installProviderRelease`, `integrateio provider install`).
 *
 * Installs at `<pluginsDir>/registry.terraform.io/integrateio/integrateio/<version>/<os_arch>/terraform-provider-integrateio_v<version>`
 * an executable `sh` wrapper that execs Node.js on the entry.
 *
 * @returns The path of the installed executable.
 * @example
 * installProvider({ entry: '/abs/path/to/test/fixtures/testthing/provider.js', version: '0.0.1' });
 */
export function installProvider(options: InstallProviderOptions): string {
  if (!path.isAbsolute(options.entry)) throw new Error(`the provider entry must be an absolute path, got ${options.entry}`);
  if (!fs.existsSync(options.entry)) throw new Error(`the provider entry ${options.entry} does not exist: build the project first (npm run build)`);
  const version = options.version ?? packageVersion();
  const pluginsDir = options.pluginsDir ?? path.join(os.homedir(), '.terraform.d', 'plugins');
  const dir = path.join(pluginsDir, PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, terraformPlatform());
  fs.mkdirSync(dir, { recursive: true });
  const executable = path.join(dir, `terraform-provider-${PROVIDER_TYPE}_v${version}`);
  const entry = options.bundle ? bundleEntry(options.entry, path.join(dir, 'provider.bundle.js')) : options.entry;
  const script = `#!/bin/sh\n# Terraform provider ${PROVIDER_NAMESPACE}/${PROVIDER_TYPE} ${version}: runs the Node.js provider.\nexec ${shellQuote(options.nodePath ?? process.execPath)} ${shellQuote(entry)} "$@"\n`;
  fs.writeFileSync(executable, script, { mode: 0o755 });
  fs.chmodSync(executable, 0o755);
  return executable;
}

/**
 * Bundles `entry` into `outfile` with esbuild, as the release bundles the provider (see
 * {@link bundleFile}).
 *
 * @returns `outfile`.
 */
export function bundleEntry(entry: string, outfile: string): string {
  return bundleFile(entry, outfile);
}

/** Options of {@link writeCliConfig}. */
export interface CliConfigOptions {
  /** Where to write the CLI configuration file (point `TF_CLI_CONFIG_FILE` at it). */
  readonly path: string;
  /** The filesystem mirror holding the provider (the `pluginsDir` of {@link installProvider}). */
  readonly mirrorDir: string;
}

/**
 * Writes a Terraform CLI configuration that installs `registry.terraform.io/integrateio/*` from a
 * filesystem mirror and every other provider directly from its registry.
 *
 * @returns The text written.
 */
export function writeCliConfig(options: CliConfigOptions): string {
  const pattern = `${PROVIDER_HOSTNAME}/${PROVIDER_NAMESPACE}/*`;
  const text = [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(options.mirrorDir)}`,
    `    include = [${JSON.stringify(pattern)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(pattern)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
  fs.mkdirSync(path.dirname(options.path), { recursive: true });
  fs.writeFileSync(options.path, text);
  return text;
}
