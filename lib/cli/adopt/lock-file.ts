import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_TYPE } from '../../provider/release/platforms';
import type { GeneratedFile } from './adopted-pipeline';

/**
 * The `.terraform.lock.hcl` of the adopted module, pinning the checksums (`h1:`) of every platform
 * of a provider release made by `integrateio provider package --out DIR`: read from the network
 * mirror files of `DIR/mirror/`, the same hashes `terraform providers lock -fs-mirror` records. With
 * no release, no lock file is written (`terraform init` writes one).
 *
 * @param releaseDir - The release folder, or undefined when none was given.
 * @param version - The provider version the module pins.
 * @param constraint - The module's version constraint (recorded as Terraform records it).
 * @throws Error naming the folder when it holds no release of that version.
 */
export function providerLockFile(releaseDir: string | undefined, version: string, constraint: string): GeneratedFile | undefined {
  if (releaseDir === undefined) return undefined;
  const file = path.join(releaseDir, 'mirror', PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_TYPE, `${version}.json`);
  if (!fs.existsSync(file)) throw new Error(`--provider-release ${releaseDir} holds no release of provider ${version} (no ${path.relative(releaseDir, file)}): make one with integrateio provider package --out ${releaseDir}`);
  const archives = (JSON.parse(fs.readFileSync(file, 'utf8')) as { archives?: Record<string, { hashes?: string[] }> }).archives ?? {};
  const hashes = [...new Set(Object.values(archives).flatMap((a) => a.hashes ?? []))].sort();
  if (hashes.length === 0) throw new Error(`${file} lists no package hashes: make the release again with integrateio provider package`);
  const content = [
    '# This file is maintained automatically by "terraform init".',
    '# Manual edits may be lost in future updates.',
    '',
    `provider "${PROVIDER_HOSTNAME}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}" {`,
    `  version     = "${version}"`,
    `  constraints = "${constraint}"`,
    '  hashes = [',
    ...hashes.map((h) => `    "${h}",`),
    '  ]',
    '}',
    '',
  ].join('\n');
  return { path: '.terraform.lock.hcl', content };
}
