/**
 * Runs the real `terraform` binary against our provider, installed from its release package into a
 * temporary filesystem mirror, with a CLI config of its own (the machine's TF_CLI_CONFIG_FILE points
 * nowhere).
 *
 * Ordinary tests get the portable package (the bundled provider run by the test's Node.js: made in
 * well under a second); tests that need the exact linux_amd64 release (the single executable, whose
 * `h1:` the committed lock files record) ask for it with `provider: 'release'`. That one is packaged
 * once per content and kept in the user's cache (see `installProviderRelease`), so a jest run builds
 * the ~100 MB executable at most once, and not at all when the provider did not change.
 *
 * Terraform runs asynchronously (spawn, not spawnSync) so that an emulator in this same process
 * keeps answering the provider's requests.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTerraform } from '../../lib/cli/terraform-runner';
import { writeCliConfig } from '../../lib/provider/install';
import { installProviderRelease, PROVIDER_BUNDLE_PATH } from '../../lib/provider/release';

/** The admin key of the emulator's seeded `acme` account (a fixed test key, not a secret). */
export const ADMIN = 'fdk_emulator_acme_admin_key_000000000001';

/** A `terraform` block requiring our provider from the registry address the mirror serves. */
export const REQUIRED_PROVIDERS = `
terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}
`;

/** {@link REQUIRED_PROVIDERS} and a provider block that takes its settings from the environment. */
export const PROVIDER_HEADER = `${REQUIRED_PROVIDERS}provider "integrateio" {}
`;

/**
 * A typed-HCL `definition` argument holding the reference's minimal document with one table,
 * indented for a resource block. `name` is the HCL string's text (it may hold `${...}`).
 */
export function minimalDefinitionHcl(name: string): string {
  return `  definition = {
    definition_version = 1
    name               = "${name}"
    source             = { connection = { id = 42 } }
    destination        = { connection = { id = 17 } }
    sync               = { frequency = 5, auto_sync_new_tables = false }
    tables             = [{ name = "public.orders" }]
  }
`;
}

/** The outcome of one terraform command. */
export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The compiled provider entry that `npm run build` writes. */
export const PROVIDER_ENTRY = resolve(__dirname, '../../dist/lib/provider/main.js');

/**
 * Which package of the release a test installs: `portable` (the bundled provider, run by the
 * `node` on the PATH) or `release` (this machine's package exactly as released: on linux_amd64 the
 * single executable).
 */
export type ProviderPackage = 'portable' | 'release';

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(full) : entry.name.endsWith('.js') ? statSync(full).mtimeMs : 0);
  }
  return newest;
}

const mirrors = new Map<ProviderPackage, { dir: string; cliConfig: string }>();

/**
 * Installs the provider from the release (once per test process and kind of package) into a
 * temporary unpacked filesystem mirror and returns the mirror and CLI config paths.
 */
export function providerMirror(kind: ProviderPackage = 'portable'): { dir: string; cliConfig: string } {
  const known = mirrors.get(kind);
  if (known) return known;
  const bundle = resolve(__dirname, '../..', PROVIDER_BUNDLE_PATH);
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` before these tests (npm test does)`);
  if (newestMtimeMs(resolve(__dirname, '../../dist/lib/provider')) > statSync(bundle).mtimeMs) {
    throw new Error(`${bundle} is older than dist/lib/provider (compiled without bundling?): run \`npm run build\` before these tests (npm test does)`);
  }
  const root = mkdtempSync(join(tmpdir(), 'integrateio-tf-mirror-'));
  const dir = join(root, 'plugins');
  installProviderRelease({ pluginsDir: dir, portable: kind === 'portable' });
  const cliConfig = join(root, 'cli.tfrc');
  writeCliConfig({ path: cliConfig, mirrorDir: dir });
  const mirror = { dir, cliConfig };
  mirrors.set(kind, mirror);
  return mirror;
}

/** A temporary Terraform working directory wired to the provider and an API. */
export class TerraformWorkspace {
  /** The working directory. */
  readonly dir: string;
  /** The environment terraform runs with. */
  readonly env: NodeJS.ProcessEnv;

  /**
   * @param options.provider which package of the release to install (default `portable`).
   * @param options.cliConfig a CLI config file of the test's own instead of the installed mirror's;
   *   `null` for none at all (Terraform's defaults: `$HOME/.terraformrc`, the implied mirror `$HOME/.terraform.d/plugins`).
   */
  constructor(options: { apiUrl?: string; apiKey?: string; env?: NodeJS.ProcessEnv; dir?: string; provider?: ProviderPackage; cliConfig?: string | null } = {}) {
    const cliConfig = options.cliConfig !== undefined ? options.cliConfig : providerMirror(options.provider).cliConfig;
    this.dir = options.dir ?? mkdtempSync(join(tmpdir(), 'integrateio-tf-'));
    const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
    if (cliConfig === null) delete env.TF_CLI_CONFIG_FILE;
    else env.TF_CLI_CONFIG_FILE = cliConfig;
    delete env.TF_LOG;
    delete env.INTEGRATEIO_API_URL;
    delete env.INTEGRATEIO_API_KEY;
    if (options.apiUrl !== undefined) env.INTEGRATEIO_API_URL = options.apiUrl;
    if (options.apiKey !== undefined) env.INTEGRATEIO_API_KEY = options.apiKey;
    this.env = { ...env, ...options.env };
  }

  /** Writes a file (main.tf by default) into the working directory. */
  write(content: string, name = 'main.tf'): void {
    writeFileSync(join(this.dir, name), content);
  }

  /** Runs `terraform ARGS…` and resolves with its exit code and output (never rejects on a non-zero exit). */
  async run(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformResult> {
    const { code, stdout, stderr } = await runTerraform(args, { cwd: this.dir, env: { ...this.env, ...extraEnv } });
    return { code, stdout, stderr };
  }

  /** Runs a command and throws with its output when it exits non-zero. */
  async ok(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /** `terraform init` (offline, from the mirror). */
  init(): Promise<TerraformResult> {
    return this.ok(['init', '-no-color']);
  }

  /** The state file as JSON (terraform.tfstate). */
  state(): { resources: { type: string; name: string; mode: string; instances: { attributes: Record<string, unknown> }[] }[] } {
    return JSON.parse(readFileSync(join(this.dir, 'terraform.tfstate'), 'utf8'));
  }

  /** The attributes of one managed resource instance in state. */
  attributes(type: string, name: string, index = 0): Record<string, unknown> {
    const resource = this.state().resources.find((r) => r.mode === 'managed' && r.type === type && r.name === name);
    if (!resource) throw new Error(`${type}.${name} is not in state`);
    return resource.instances[index].attributes;
  }
}
