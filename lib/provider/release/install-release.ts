import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readProviderBundle } from './bundle';
import { h1Hash, sha256Hex } from './hashes';
import { flavorOf, packagePlatform, type ProviderFlavor } from './package-platform';
import { packageVersion, providerPackageRoot } from './package-root';
import { executableName, mirrorProviderPath, packageFileName, PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_TYPE, RELEASE_PLATFORMS, terraformPlatform } from './platforms';
import { PINNED_NODE } from './single-executable';
import { readZip } from './zip';

/** Options of {@link installProviderRelease}. */
export interface InstallReleaseOptions {
  /**
   * The plugins directory (an unpacked filesystem mirror).
   * @default ~/.terraform.d/plugins (the mirror Terraform looks in without configuration)
   */
  readonly pluginsDir?: string;
  /**
   * Install this platform's package from a release made by `integrateio provider package` (its
   * folder, or its `mirror` folder) instead of packaging it here.
   */
  readonly from?: string;
  /**
   * Install the portable provider even on linux_amd64 (needs Node.js >= 20 on the PATH). Its `h1:`
   * is not the one a normal release records for linux_amd64.
   * @default false
   */
  readonly portable?: boolean;
  /** The pinned Node.js binary for the single executable (see `resolvePinnedNode`). */
  readonly nodeBinary?: string;
  /**
   * Terraform's name of the platform to install for.
   * @default this machine's
   */
  readonly platform?: string;
  /**
   * Where packages made here are kept, so that installing again does not rebuild the ~100 MB
   * single executable.
   * @default $INTEGRATEIO_CACHE_DIR, else $XDG_CACHE_HOME/integrateio-pipelines-as-code, else ~/.cache/integrateio-pipelines-as-code
   */
  readonly cacheDir?: string;
  /**
   * The root of the package whose built provider is installed.
   * @default this package
   */
  readonly root?: string;
}

/** What {@link installProviderRelease} installed. */
export interface InstalledProvider {
  /** The installed executable. */
  readonly executable: string;
  /** The provider version. */
  readonly version: string;
  /** Terraform's platform name. */
  readonly platform: string;
  /** What the package holds. */
  readonly flavor: ProviderFlavor;
  /** The package's `h1:` hash, the one `terraform init` records in `.terraform.lock.hcl`. */
  readonly h1: string;
  /** The zip it was unpacked from. */
  readonly source: string;
}

/** The cache folder of {@link InstallReleaseOptions.cacheDir}. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INTEGRATEIO_CACHE_DIR) return path.resolve(env.INTEGRATEIO_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache'), 'integrateio-pipelines-as-code');
}

/** Bumped whenever the packaging changes what it writes for the same inputs. */
const PACKAGE_FORMAT = 2;

function fromRelease(from: string, version: string, platform: string): string {
  const name = packageFileName(version, platform);
  const candidates = [path.join(from, name), path.join(from, mirrorProviderPath(), name), path.join(from, 'mirror', mirrorProviderPath(), name)];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`${path.resolve(from)} holds no ${name}: pass the folder \`integrateio provider package --out\` wrote, for a release of version ${version} with platform ${platform}`);
  return found;
}

function cachedPackage(root: string, version: string, platform: string, options: InstallReleaseOptions): string {
  const bundle = readProviderBundle(root);
  const flavor = flavorOf(platform, options.portable);
  const key = createHash('sha256')
    .update(JSON.stringify({ format: PACKAGE_FORMAT, version, platform, flavor, bundle: sha256Hex(bundle), node: flavor === 'single-executable' ? PINNED_NODE.sha256 : null }))
    .digest('hex')
    .slice(0, 32);
  const providers = path.join(options.cacheDir ?? defaultCacheDir(), 'providers');
  const prefix = `${platform}-${flavor}-`;
  const file = path.join(providers, `${prefix}${key}`, packageFileName(version, platform));
  if (fs.existsSync(file)) return file;
  const pkg = packagePlatform({ bundle, version, platform, portable: options.portable, nodeBinary: options.nodeBinary });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, pkg.zip);
  fs.renameSync(partial, file);
  pruneCache(providers, prefix);
  return file;
}

/** Keeps the {@link CACHE_KEEP} newest packages of one platform and flavor (each single executable is ~35 MB). */
function pruneCache(providers: string, prefix: string): void {
  const entries = fs
    .readdirSync(providers)
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ dir: path.join(providers, name), mtime: fs.statSync(path.join(providers, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of entries.slice(CACHE_KEEP)) fs.rmSync(old.dir, { recursive: true, force: true });
}

/** How many packages of one platform and flavor the cache keeps (several checkouts may share it). */
const CACHE_KEEP = 3;

/**
 * Installs the provider from its release package into an unpacked filesystem mirror:
 * `<pluginsDir>/registry.terraform.io/integrateio/integrateio/<version>/<os_arch>/` receives exactly
 * the files of `terraform-provider-integrateio_<version>_<os_arch>.zip` (whatever was there before is
 * removed), so the installed provider has the `h1:` hash of the release on every machine.
 *
 * The zip comes from `from` (a release made elsewhere), else it is packaged here from this package's
 * bundled provider, once per content (kept in {@link InstallReleaseOptions.cacheDir}).
 */
export function installProviderRelease(options: InstallReleaseOptions = {}): InstalledProvider {
  const root = options.root ?? providerPackageRoot();
  const version = packageVersion(root);
  const platform = options.platform ?? terraformPlatform();
  if (!RELEASE_PLATFORMS.includes(platform)) {
    throw new Error(`the provider is released for ${RELEASE_PLATFORMS.join(', ')}, not for this machine's ${platform}: run Terraform on one of those`);
  }
  const source = options.from !== undefined ? fromRelease(options.from, version, platform) : cachedPackage(root, version, platform, options);
  const files = readZip(fs.readFileSync(source));
  const pluginsDir = path.resolve(options.pluginsDir ?? path.join(os.homedir(), '.terraform.d', 'plugins'));
  const dir = path.join(pluginsDir, PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, platform);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.data, { mode: file.mode });
    fs.chmodSync(target, file.mode);
  }
  const executable = path.join(dir, executableName(version));
  const main = files.find((file) => file.path === executableName(version));
  if (!main) throw new Error(`${source} holds no ${executableName(version)}: it is not a package of this provider version`);
  const flavor: ProviderFlavor = main.data[0] === 0x23 && main.data[1] === 0x21 ? 'portable' : 'single-executable';
  return { executable, version, platform, flavor, h1: h1Hash(files), source };
}
