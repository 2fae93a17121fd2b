/** The provider's address in the Terraform registry namespace. */
export const PROVIDER_HOSTNAME = 'registry.terraform.io';
/** The provider's namespace. */
export const PROVIDER_NAMESPACE = 'integrateio';
/** The provider's type. */
export const PROVIDER_TYPE = 'integrateio';

/**
 * The platforms a release holds by default. `linux_amd64` gets a Node.js single executable (no
 * Node.js needed on the runner); the others get the portable provider, one JavaScript file run by
 * the `node` (>= 20) on the runner's PATH. Windows is not shipped: Terraform starts a provider
 * directly, and a JavaScript file is not an executable there.
 */
export const RELEASE_PLATFORMS: readonly string[] = ['darwin_amd64', 'darwin_arm64', 'linux_amd64', 'linux_arm64'];

/** The platform whose package is a single executable (the others are portable). */
export const SINGLE_EXECUTABLE_PLATFORM = 'linux_amd64';

/** Terraform's name for the platform of this machine (`linux_amd64`, `darwin_arm64`, ...). */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const archNames: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${platform}_${archNames[arch] ?? arch}`;
}

/** The provider executable's name inside a package: `terraform-provider-integrateio_v<version>`. */
export function executableName(version: string): string {
  return `terraform-provider-${PROVIDER_TYPE}_v${version}`;
}

/** The file name of one platform's package: `terraform-provider-integrateio_<version>_<os>_<arch>.zip`. */
export function packageFileName(version: string, platform: string): string {
  return `terraform-provider-${PROVIDER_TYPE}_${version}_${platform}.zip`;
}

/** The path of the provider's folder in a mirror, relative to the mirror's root. */
export function mirrorProviderPath(): string {
  return `${PROVIDER_HOSTNAME}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
}
