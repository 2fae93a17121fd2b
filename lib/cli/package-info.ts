import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's root folder: the nearest folder above this file with our package.json (works from lib/ and dist/lib/). */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && /"integrateio"\s*:/.test(readFileSync(candidate, 'utf8'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the package root of integrateio');
    dir = parent;
  }
}
