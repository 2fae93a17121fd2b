import type { GeneratedFile } from './adopted-pipeline';

/**
 * The `.terraform.lock.hcl` of the adopted module, pinning the provider release's checksums, when a
 * release is reachable.
 *
 * RELEASE HOOK (for the merge with the "release" work): `integrateio provider package --out DIR`
 * writes the registry layout of a release, from which the lock file's `h1:`/`zh:` hashes can be
 * read. It is not on this branch, so no release is reachable here: this returns undefined and
 * adopt writes no lock file (`terraform init` then writes one). Wire it to the package command's
 * hashes and return `{ path: '.terraform.lock.hcl', content }`.
 */
export function providerLockFile(): GeneratedFile | undefined {
  return undefined;
}
