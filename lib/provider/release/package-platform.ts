import { h1Hash, zhHash } from './hashes';
import { executableName, SINGLE_EXECUTABLE_PLATFORM } from './platforms';
import { buildSingleExecutable, resolvePinnedNode } from './single-executable';
import { writeZip, type PackageFile } from './zip';

/** What a platform's package holds. */
export type ProviderFlavor =
  /** A Node.js single executable application: no Node.js needed on the runner (linux_amd64 only). */
  | 'single-executable'
  /** One JavaScript file starting with `#!/usr/bin/env node`: needs Node.js >= 20 on the runner's PATH. */
  | 'portable';

/** One platform's package, made in memory. */
export interface PlatformPackage {
  /** Terraform's platform name, `os_arch`. */
  readonly platform: string;
  /** What the package holds. */
  readonly flavor: ProviderFlavor;
  /** The zip's bytes. */
  readonly zip: Uint8Array;
  /** Terraform's `h1:` hash of the package (its files). */
  readonly h1: string;
  /** Terraform's `zh:` hash of the package (the zip). */
  readonly zh: string;
}

/** Options of {@link packagePlatform}. */
export interface PackagePlatformOptions {
  /** The bundled provider (see bundle.ts). */
  readonly bundle: Uint8Array;
  /** The provider version. */
  readonly version: string;
  /** Terraform's platform name, `os_arch`. */
  readonly platform: string;
  /**
   * Make the portable provider even for linux_amd64.
   * @default false (linux_amd64 gets the single executable)
   */
  readonly portable?: boolean;
  /**
   * The pinned Node.js binary for the single executable.
   * @default found by {@link resolvePinnedNode}
   */
  readonly nodeBinary?: string;
}

/** The flavor a platform gets. */
export function flavorOf(platform: string, portable = false): ProviderFlavor {
  return platform === SINGLE_EXECUTABLE_PLATFORM && !portable ? 'single-executable' : 'portable';
}

/**
 * Makes one platform's package: a zip holding only the executable
 * `terraform-provider-integrateio_v<version>` (mode 0755), whose bytes depend only on the bundle,
 * the version and the pinned Node.js binary.
 */
export function packagePlatform(options: PackagePlatformOptions): PlatformPackage {
  const flavor = flavorOf(options.platform, options.portable);
  const data = flavor === 'single-executable' ? buildSingleExecutable(options.bundle, resolvePinnedNode(options.nodeBinary)) : options.bundle;
  const files: PackageFile[] = [{ path: executableName(options.version), data, mode: 0o755 }];
  const zip = writeZip(files);
  return { platform: options.platform, flavor, zip, h1: h1Hash(files), zh: zhHash(zip) };
}
