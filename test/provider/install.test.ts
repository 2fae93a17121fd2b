import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installProvider, packageVersion, terraformPlatform, writeCliConfig } from '../../lib/provider/install';
import { requireCompiledProvider, ROOT, TESTTHING_ENTRY } from './compiled-provider';

describe('installing the provider into a filesystem mirror', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-install-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('writes an executable sh wrapper at the registry path Terraform looks for', () => {
    requireCompiledProvider();
    const executable = installProvider({ pluginsDir: tmp, version: '1.2.3', entry: TESTTHING_ENTRY });
    expect(path.relative(tmp, executable)).toBe(`registry.terraform.io/integrateio/integrateio/1.2.3/${terraformPlatform()}/terraform-provider-integrateio_v1.2.3`);
    expect(fs.statSync(executable).mode & 0o777).toBe(0o755);
    expect(fs.readFileSync(executable, 'utf8')).toContain(`exec '${process.execPath}' '${TESTTHING_ENTRY}' "$@"`);
    const run = spawnSync(executable, { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Terraform starts it');
  });

  test('bundles the entry into one file next to the wrapper when asked, and the bundle runs', () => {
    requireCompiledProvider();
    const executable = installProvider({ pluginsDir: tmp, version: '2.0.0', entry: TESTTHING_ENTRY, bundle: true });
    const bundle = path.join(path.dirname(executable), 'provider.bundle.js');
    expect(fs.readFileSync(executable, 'utf8')).toContain(`exec '${process.execPath}' '${bundle}' "$@"`);
    expect(fs.readFileSync(bundle, 'utf8')).toContain('TF_PLUGIN_MAGIC_COOKIE');
    const run = spawnSync(executable, { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Terraform starts it');
  });

  test('uses the package version by default', () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(packageVersion()).toBe(version);
    expect(installProvider({ pluginsDir: tmp, entry: TESTTHING_ENTRY })).toContain(`/${version}/`);
  });

  test('quotes paths with spaces and quotes in the wrapper', () => {
    const odd = path.join(tmp, "it's here");
    fs.mkdirSync(odd, { recursive: true });
    const entry = path.join(odd, 'main.js');
    fs.writeFileSync(entry, 'process.exit(7)');
    const executable = installProvider({ pluginsDir: tmp, version: '0.0.9', entry });
    expect(spawnSync(executable).status).toBe(7);
  });

  test.each([
    ['a relative entry', 'dist/main.js', 'must be an absolute path'],
    ['a missing entry', '/nonexistent/main.js', 'does not exist: build the project first'],
  ])('fails on %s', (_name, entry, message) => {
    expect(() => installProvider({ pluginsDir: tmp, entry })).toThrow(message);
  });

  test('names the platform the way Terraform does', () => {
    expect([terraformPlatform('linux', 'x64'), terraformPlatform('darwin', 'arm64')]).toEqual(['linux_amd64', 'darwin_arm64']);
  });

  test('writes a CLI config: integrateio from the mirror, everything else direct', () => {
    const file = path.join(tmp, 'cli', 'terraform.rc');
    const text = writeCliConfig({ path: file, mirrorDir: '/opt/mirror' });
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(text).toMatchInlineSnapshot(`
"provider_installation {
  filesystem_mirror {
    path    = "/opt/mirror"
    include = ["registry.terraform.io/integrateio/*"]
  }
  direct {
    exclude = ["registry.terraform.io/integrateio/*"]
  }
}
"
`);
  });
});
