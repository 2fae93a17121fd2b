import * as fs from 'node:fs';
import * as path from 'node:path';
import { h1Hash } from './hashes';
import { PROVIDER_TYPE } from './platforms';
import { readZip } from './zip';

const ARCHIVE = new RegExp(`^terraform-provider-${PROVIDER_TYPE}_(.+)_([a-z0-9]+_[a-z0-9]+)\\.zip$`);

/** A provider package found in a packed mirror folder. */
export interface MirrorArchive {
  /** The provider version in the file name. */
  readonly version: string;
  /** Terraform's platform name in the file name, `os_arch`. */
  readonly platform: string;
  /** The zip's file name (its url, relative to the folder). */
  readonly file: string;
}

/** The provider packages in a packed mirror's provider folder, by version and platform. */
export function listArchives(providerDir: string): MirrorArchive[] {
  if (!fs.existsSync(providerDir)) return [];
  return fs
    .readdirSync(providerDir)
    .sort()
    .flatMap((file) => {
      const match = ARCHIVE.exec(file);
      return match ? [{ version: match[1], platform: match[2], file }] : [];
    });
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes the static files of Terraform's provider network mirror protocol into a packed mirror's
 * provider folder (`<mirror>/registry.terraform.io/integrateio/integrateio/`), next to the zips:
 * `index.json` listing every version whose zips are there, and `<version>.json` for each of them,
 * whose `url`s are the zips' file names (relative to the JSON file) and whose `hashes` are the
 * `h1:` of each package. Any HTTPS static host serving `<mirror>/` is then a network mirror.
 *
 * @returns The versions listed.
 */
export function writeNetworkMirrorFiles(providerDir: string): string[] {
  const archives = listArchives(providerDir);
  const versions = [...new Set(archives.map((a) => a.version))];
  writeJson(path.join(providerDir, 'index.json'), { versions: Object.fromEntries(versions.map((v) => [v, {}])) });
  for (const version of versions) {
    const entries = archives
      .filter((a) => a.version === version)
      .map((a) => [a.platform, { url: a.file, hashes: [h1Hash(readZip(fs.readFileSync(path.join(providerDir, a.file))))] }]);
    writeJson(path.join(providerDir, `${version}.json`), { archives: Object.fromEntries(entries) });
  }
  return versions;
}
