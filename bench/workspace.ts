/**
 * Terraform working directories for the benchmarks: the provider installed offline into a
 * filesystem mirror, N pipeline definition files, and the HCL of the three ways to manage them
 * (our provider, the `terraform_data` floor, the `local-exec` shortcut).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTerraform } from '../lib/cli/terraform-runner';
import { writeCliConfig } from '../lib/provider/install';
import { installProviderRelease } from '../lib/provider/release';
import { nowMs } from './measure';
import { repoRoot } from './startup';

/** The seeded admin key of the emulator's default seed. */
export const ADMIN_KEY = 'fdk_emulator_acme_admin_key_000000000001';

/** The `-parallelism` every terraform command of the benchmarks uses (Terraform's default). */
export const PARALLELISM = 10;

/** What the HCL of a workspace manages. */
export type WorkspaceKind =
  /** N `integrateio_pipeline` resources (our provider). */
  | 'provider'
  /** N `terraform_data` resources holding the same documents: Terraform's own floor. */
  | 'terraform_data'
  /** N `terraform_data` resources whose `local-exec` provisioners run the `integrateio` CLI. */
  | 'shortcut';

/** The outcome of one terraform command. */
export interface TerraformRun {
  /** The exit code. */
  readonly code: number;
  /** Wall time from spawn to exit, in ms. */
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

let mirror: string | undefined;
let mirrorRoot: string | undefined;

/**
 * Installs the provider as users do, this platform's release package (on linux_amd64 the single
 * executable; the portable package where the pinned Node.js binary is not at hand), into a
 * temporary filesystem mirror (once per process) and returns the path of a CLI configuration
 * that uses it.
 *
 * @throws Error when the provider bundle is missing (run `npm run build`).
 */
export function benchCliConfig(): string {
  if (mirror) return mirror;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-bench-mirror-'));
  mirrorRoot = root;
  const pluginsDir = path.join(root, 'plugins');
  try {
    installProviderRelease({ pluginsDir });
  } catch {
    installProviderRelease({ pluginsDir, portable: true });
  }
  mirror = path.join(root, 'cli.tfrc');
  writeCliConfig({ path: mirror, mirrorDir: pluginsDir });
  return mirror;
}

/** Deletes the mirror {@link benchCliConfig} made, if any. */
export function removeBenchMirror(): void {
  if (mirrorRoot) fs.rmSync(mirrorRoot, { recursive: true, force: true });
  mirror = undefined;
  mirrorRoot = undefined;
}

/**
 * One pipeline definition document of the benchmark fleet, as YAML: the reference's minimal
 * example with a unique name. `frequency` is what an "update every pipeline" changes.
 */
export function definitionYaml(index: number, frequency = 5): string {
  return [
    'definition_version: 1',
    `name: bench-pipeline-${index}`,
    'source:',
    '  connection:',
    '    id: 42',
    'destination:',
    '  connection:',
    '    id: 17',
    'sync:',
    `  frequency: ${frequency}`,
    '  auto_sync_new_tables: false',
    'tables:',
    '  - name: public.orders',
    '  - name: public.customers',
    '    columns:',
    '      exclude:',
    '        - ssn',
    '',
  ].join('\n');
}

const PROVIDER_HEADER = `terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}
provider "integrateio" {}
`;

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The main.tf of a workspace of `count` resources of `kind`. */
export function workspaceHcl(kind: WorkspaceKind, count: number): string {
  const file = '"${path.module}/defs/p-${count.index}.yaml"';
  if (kind === 'provider') {
    return `${PROVIDER_HEADER}
resource "integrateio_pipeline" "p" {
  count      = ${count}
  definition = yamldecode(file(${file}))
}
`;
  }
  if (kind === 'terraform_data') {
    return `resource "terraform_data" "p" {
  count = ${count}
  input = yamldecode(file(${file}))
}
`;
  }
  // The shortcut: the CLI applies the file (create, or update the live pipeline of that name) and
  // its one-line output ("created pipeline 12 (name)") is kept, so that the destroy-time
  // provisioner knows the id to archive. The commands are in shortcut.sh (see shortcutScript).
  return `resource "terraform_data" "p" {
  count = ${count}
  input = { file = "defs/p-\${count.index}.yaml", out = "out/p-\${count.index}.txt" }

  provisioner "local-exec" {
    command = "sh shortcut.sh apply \${self.input.file} \${self.input.out}"
  }
  provisioner "local-exec" {
    when    = destroy
    command = "sh shortcut.sh archive \${self.input.file} \${self.input.out}"
  }
}
`;
}

/**
 * The script the shortcut's provisioners run: `integrateio pipelines apply -f FILE`, or
 * `integrateio pipelines archive ID` with the id the apply printed.
 */
export function shortcutScript(): string {
  const cli = `${shellQuote(process.execPath)} ${shellQuote(path.join(repoRoot(), 'bin', 'integrateio.js'))}`;
  return [
    '#!/bin/sh',
    'set -e',
    'case "$1" in',
    `  apply) ${cli} pipelines apply -f "$2" > "$3" ;;`,
    `  archive) ${cli} pipelines archive "$(cut -d' ' -f3 "$3")" ;;`,
    'esac',
    '',
  ].join('\n');
}

/** A temporary Terraform working directory of one {@link WorkspaceKind}. */
export class BenchWorkspace {
  /** The working directory. */
  readonly dir: string;
  private env: NodeJS.ProcessEnv;
  private tmpCount = 0;

  /**
   * Creates the directory, its main.tf and `count` definition files.
   *
   * @param apiUrl the emulator's URL (given to the provider and the CLI through the environment).
   */
  constructor(
    readonly kind: WorkspaceKind,
    readonly count: number,
    apiUrl: string | undefined,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `integrateio-bench-${kind}-${count}-`));
    fs.mkdirSync(path.join(this.dir, 'defs'));
    fs.mkdirSync(path.join(this.dir, 'out'));
    fs.writeFileSync(path.join(this.dir, 'main.tf'), workspaceHcl(kind, count));
    if (kind === 'shortcut') fs.writeFileSync(path.join(this.dir, 'shortcut.sh'), shortcutScript());
    this.writeDefinitions(5);
    const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: benchCliConfig(), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
    delete env.TF_LOG;
    delete env.INTEGRATEIO_API_URL;
    delete env.INTEGRATEIO_API_KEY;
    if (apiUrl !== undefined) {
      env.INTEGRATEIO_API_URL = apiUrl;
      env.INTEGRATEIO_API_KEY = ADMIN_KEY;
    }
    this.env = env;
    this.freshTmpDir();
  }

  /**
   * Gives the commands that follow a new, empty temporary directory (`TMPDIR`), so that what the
   * provider remembers there between launches (accepted definitions, for 15 minutes) starts empty,
   * as on a fresh machine: every repetition of a benchmark then does the same work.
   */
  freshTmpDir(): void {
    this.tmpCount += 1;
    const tmp = path.join(this.dir, `.tmp-${this.tmpCount}`);
    fs.mkdirSync(tmp);
    this.env = { ...this.env, TMPDIR: tmp };
  }

  /** Writes every definition file with this sync frequency (5 at creation). */
  writeDefinitions(frequency: number): void {
    for (let i = 0; i < this.count; i++) this.writeDefinition(i, frequency);
  }

  /** Writes definition file `index` with this sync frequency. */
  writeDefinition(index: number, frequency: number): void {
    fs.writeFileSync(path.join(this.dir, 'defs', `p-${index}.yaml`), definitionYaml(index, frequency));
  }

  /** Runs `terraform ARGS…` (asynchronously, so an emulator in this process keeps answering). */
  async run(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformRun> {
    const start = nowMs();
    const { code, stdout, stderr } = await runTerraform(args, { cwd: this.dir, env: { ...this.env, ...extraEnv } });
    return { code, ms: nowMs() - start, stdout, stderr };
  }

  /**
   * Runs a command and throws with its output unless it exits with one of `codes` (0 by default).
   *
   * @param extraEnv added to the environment of this command only (e.g. `TF_LOG`, `TF_LOG_PATH`).
   */
  async ok(args: readonly string[], codes: readonly number[] = [0], extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformRun> {
    const result = await this.run(args, extraEnv);
    if (!codes.includes(result.code)) {
      throw new Error(`terraform ${args.join(' ')} in ${this.dir} exited ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
    }
    return result;
  }

  /** `terraform init` (offline: the provider from the mirror, terraform_data built in). */
  init(): Promise<TerraformRun> {
    return this.ok(['init', '-no-color', '-input=false']);
  }

  /**
   * `terraform plan` with the benchmark's parallelism; `detailed` adds `-detailed-exitcode`.
   *
   * @param extraEnv added to the environment of this command only (e.g. `TF_LOG=trace`).
   */
  plan(detailed = false, extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformRun> {
    return this.ok(['plan', '-no-color', '-input=false', `-parallelism=${PARALLELISM}`, ...(detailed ? ['-detailed-exitcode'] : [])], detailed ? [0, 2] : [0], extraEnv);
  }

  /** `terraform apply -auto-approve` with the benchmark's parallelism. */
  apply(): Promise<TerraformRun> {
    return this.ok(['apply', '-auto-approve', '-no-color', '-input=false', `-parallelism=${PARALLELISM}`]);
  }

  /** `terraform destroy -auto-approve` with the benchmark's parallelism. */
  destroy(): Promise<TerraformRun> {
    return this.ok(['destroy', '-auto-approve', '-no-color', '-input=false', `-parallelism=${PARALLELISM}`]);
  }

  /**
   * Forgets what Terraform manages here (deletes the state and the shortcut's outputs) after the
   * objects were removed another way.
   */
  forgetState(): void {
    for (const file of ['terraform.tfstate', 'terraform.tfstate.backup']) fs.rmSync(path.join(this.dir, file), { force: true });
    fs.rmSync(path.join(this.dir, 'out'), { recursive: true, force: true });
    fs.mkdirSync(path.join(this.dir, 'out'));
  }

  /** Deletes the directory. */
  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
