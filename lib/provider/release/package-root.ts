import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder of the nearest package.json above this file (the package root, from lib/ and from dist/lib/). */
export function providerPackageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('no package.json found above the provider release code');
  }
}

/** The version in the package.json of `root` (default: {@link providerPackageRoot}). */
export function packageVersion(root: string = providerPackageRoot()): string {
  return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
