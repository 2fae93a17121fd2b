import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GeneratedFile, GenerateOptions } from '../adopt/adopted-pipeline';
import { cdktfApp, type CdktfDependencies } from '../adopt/cdktf-app';
import { collectPipelines } from '../adopt/collect';
import { hclModule } from '../adopt/hcl-module';
import { providerLockFile } from '../adopt/lock-file';
import { checkOutputFolder, writeOutputFolder } from '../adopt/output-folder';
import { makeClient, type ApiCommandOptions } from '../client-factory';
import { UsageError, type CliIo } from '../io';
import { packageRoot } from '../package-info';

interface AdoptOptions extends ApiCommandOptions {
  readonly out: string;
  readonly format: string;
  readonly namePrefix?: string;
  readonly running: string;
  readonly force?: boolean;
  readonly providerRelease?: string;
}

/**
 * The version ranges the generated code asks for, from this package's own package.json: cdktf and
 * constructs as this package is built and tested with (its devDependencies, which the published
 * manifest keeps), else its peer ranges.
 */
function packageRanges(): { version: string; cdktf: CdktfDependencies } {
  type Ranges = Record<string, string> | undefined;
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string; devDependencies?: Ranges; peerDependencies?: Ranges };
  const range = (name: string): string => {
    const found = pkg.devDependencies?.[name] ?? pkg.peerDependencies?.[name];
    if (found === undefined) throw new Error(`this package's package.json names no version range of ${name}: reinstall integrateio-pipelines-as-code`);
    return found;
  };
  return { version: pkg.version, cdktf: { package: `^${pkg.version}`, cdktf: range('cdktf'), constructs: range('constructs') } };
}

/** `~> MAJOR.MINOR` of a version: the provider releases the generated module accepts. */
function providerConstraint(version: string): string {
  const [major, minor] = version.split('.');
  return `~> ${major}.${minor}`;
}

/**
 * `integrateio adopt --out DIR`: writes Terraform (HCL) or CDKTF code that imports every live
 * pipeline of the account, one definition file per pipeline, so that the first plan imports them
 * and changes nothing. Never writes a key.
 */
export function registerAdopt(program: Command, io: CliIo): void {
  program
    .command('adopt')
    .description('write Terraform or CDKTF code that imports every live pipeline of the account (one definition file per pipeline)')
    .requiredOption('--out <dir>', 'folder to write into (new or empty; see --force)')
    .option('--format <format>', 'hcl (a Terraform root module) or cdktf (a TypeScript CDKTF app)', 'hcl')
    .option('--name-prefix <prefix>', 'only pipelines whose name starts with this text')
    .option('--running <mode>', "manage (write each pipeline's run state into the code) or ignore (leave it unmanaged)", 'ignore')
    .option('--force', 'write into a non-empty folder: rewrite the files an earlier adopt wrote there, never other files')
    .option('--provider-release <dir>', 'a release made by `integrateio provider package --out DIR`: write a .terraform.lock.hcl with its hashes for every platform (hcl only)')
    .option('--api-url <url>', 'API root (default: INTEGRATEIO_API_URL)')
    .action(async (options: AdoptOptions) => {
      if (options.format !== 'hcl' && options.format !== 'cdktf') throw new UsageError(`--format must be hcl or cdktf, got "${options.format}"`);
      if (options.running !== 'manage' && options.running !== 'ignore') throw new UsageError(`--running must be manage or ignore, got "${options.running}"`);
      if (options.providerRelease !== undefined && options.format !== 'hcl') throw new UsageError('--provider-release writes a Terraform lock file: it goes with --format hcl (a CDKTF app locks its stacks after synth)');
      const ranges = packageRanges();
      const lock = providerLockFile(options.providerRelease === undefined ? undefined : resolve(options.providerRelease), ranges.version, providerConstraint(ranges.version));
      const dir = resolve(options.out);
      checkOutputFolder(dir, Boolean(options.force));
      const client = makeClient(options, io);
      const progress = (message: string) => io.err(`adopt: ${message}\n`);
      const { pipelines, skipped } = await collectPipelines(client, options.namePrefix ?? '', progress);
      for (const s of skipped) io.err(`warning: pipeline ${s.id} ${JSON.stringify(s.name)} is not adopted: ${s.reason}\n`);
      const generate: GenerateOptions = { running: options.running, providerVersion: providerConstraint(ranges.version), namePrefix: options.namePrefix, notAdopted: skipped };
      const files: GeneratedFile[] = options.format === 'hcl' ? hclModule(pipelines, generate) : cdktfApp(pipelines, generate, ranges.cdktf);
      if (lock) files.push(lock);
      const result = writeOutputFolder(dir, files, Boolean(options.force));
      for (const removed of result.removed) progress(`removed ${removed} (its pipeline is no longer listed)`);
      io.out(`adopted ${pipelines.length} pipeline${pipelines.length === 1 ? '' : 's'} into ${options.out} (${options.format}, ${result.written.length} files); next steps are in its README.md\n`);
    });
}
