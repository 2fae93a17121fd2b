/**
 * The provider release as users get it: `integrateio provider package` makes the same bytes under
 * two HOMEs, checkout paths and time zones; a lock file made on one machine is accepted on another,
 * from an installed package, a packed filesystem mirror and a network mirror (HTTPS, static files).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { createSelfSignedCertificate } from '../../lib/provider/protocol/certificate';
import { readZip, RELEASE_PLATFORMS } from '../../lib/provider/release';
import { TerraformWorkspace } from '../support/terraform';
import { copyCheckout, fileHashes, integrateio, lockHashes, ROOT, type User } from './release-support';

jest.setTimeout(600_000);

const VERSION: string = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version;
const PROVIDER_DIR = 'registry.terraform.io/integrateio/integrateio';
const REQUIRED = `terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}
`;
const PLATFORM_FLAGS = RELEASE_PLATFORMS.map((p) => `-platform=${p}`);

let tmp: string;
let one: User;
let two: User;
let releaseOne: string;
let releaseTwo: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'integrateio-release-'));
  one = { checkout: copyCheckout(join(tmp, 'one', 'integrateio')), home: join(tmp, 'home-one'), tz: 'UTC' };
  two = { checkout: copyCheckout(join(tmp, 'two', 'a deeper', 'checkout')), home: join(tmp, 'home-two'), tz: 'Asia/Kolkata' };
  releaseOne = join(tmp, 'release-one');
  releaseTwo = join(tmp, 'release-two');
  // Both at once: each builds the ~100 MB linux_amd64 single executable.
  await Promise.all([integrateio(one, ['provider', 'package', '--out', releaseOne]), integrateio(two, ['provider', 'package', '--out', releaseTwo])]);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function workspace(user: User, cliConfig: string | null): TerraformWorkspace {
  const tf = new TerraformWorkspace({ dir: mkdtempSync(join(tmp, 'ws-')), cliConfig, env: { HOME: user.home, TF_PLUGIN_CACHE_DIR: '' } });
  tf.write(REQUIRED);
  return tf;
}

function fsMirrorConfig(name: string, mirror: string): string {
  const file = join(tmp, name);
  writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
  return file;
}

test('packages byte-identical releases under two HOMEs, checkout paths and time zones', () => {
  const first = fileHashes(releaseOne);
  const second = fileHashes(releaseTwo);
  expect(Object.keys(first).sort()).toEqual(
    [
      ...RELEASE_PLATFORMS.map((p) => `terraform-provider-integrateio_${VERSION}_${p}.zip`),
      `terraform-provider-integrateio_${VERSION}_SHA256SUMS`,
      `terraform-provider-integrateio_${VERSION}_manifest.json`,
      ...RELEASE_PLATFORMS.map((p) => normalize(`mirror/${PROVIDER_DIR}/terraform-provider-integrateio_${VERSION}_${p}.zip`)),
      normalize(`mirror/${PROVIDER_DIR}/${VERSION}.json`),
      normalize(`mirror/${PROVIDER_DIR}/index.json`),
    ].sort(),
  );
  expect(second).toEqual(first);
  const sums = readFileSync(join(releaseOne, `terraform-provider-integrateio_${VERSION}_SHA256SUMS`), 'utf8');
  for (const [file, sha] of Object.entries(first)) if (!file.includes('/') && !file.endsWith('SHA256SUMS')) expect(sums).toContain(`${sha}  ${file}\n`);
  // Nothing of either machine in the release: not in its files, not in what the zips hold.
  const contents = Object.keys(first).flatMap((file) => {
    const data = readFileSync(join(releaseOne, file));
    return file.endsWith('.zip') ? readZip(data).map((entry) => ({ name: `${file}!${entry.path}`, data: Buffer.from(entry.data) })) : [{ name: file, data }];
  });
  for (const { name, data } of contents) {
    for (const marker of [tmp, 'home-one', 'home-two', 'a deeper', ROOT]) expect({ name, marker, found: data.includes(marker) }).toEqual({ name, marker, found: false });
  }
});

test('a lock file made on one machine is accepted by another, and providers lock records the same hashes from either release', async () => {
  // Machine one: `provider install` from its release into the implied mirror of its HOME, then `terraform init` with no CLI config.
  await integrateio(one, ['provider', 'install', '--from', releaseOne]);
  await integrateio(two, ['provider', 'install', '--from', releaseTwo]);
  const first = workspace(one, null);
  await first.init();
  const lock = readFileSync(join(first.dir, '.terraform.lock.hcl'), 'utf8');
  expect(lockHashes(lock)).toHaveLength(1);

  // Machine two accepts that lock file as it is, from its own install.
  const second = workspace(two, null);
  writeFileSync(join(second.dir, '.terraform.lock.hcl'), lock);
  await second.ok(['init', '-no-color', '-lockfile=readonly']);

  // `terraform providers lock -fs-mirror` records the same hashes, every platform, from either release.
  const lockOne = workspace(one, null);
  const lockTwo = workspace(two, null);
  await lockOne.ok(['providers', 'lock', '-no-color', `-fs-mirror=${join(releaseOne, 'mirror')}`, ...PLATFORM_FLAGS]);
  await lockTwo.ok(['providers', 'lock', '-no-color', `-fs-mirror=${join(releaseTwo, 'mirror')}`, ...PLATFORM_FLAGS]);
  const allOne = lockHashes(readFileSync(join(lockOne.dir, '.terraform.lock.hcl'), 'utf8'));
  expect(lockHashes(readFileSync(join(lockTwo.dir, '.terraform.lock.hcl'), 'utf8'))).toEqual(allOne);
  expect(allOne).toEqual(expect.arrayContaining(lockHashes(lock)));
  // ...and they are the hashes the network mirror files publish.
  const published = JSON.parse(readFileSync(join(releaseOne, 'mirror', PROVIDER_DIR, `${VERSION}.json`), 'utf8')) as { archives: Record<string, { hashes: string[] }> };
  expect([...new Set(Object.values(published.archives).flatMap((a) => a.hashes))].sort()).toEqual(allOne);

  // The packed filesystem mirror installs under the committed-style lock file too.
  const packed = workspace(two, fsMirrorConfig('packed.tfrc', join(releaseTwo, 'mirror')));
  copyFileSync(join(lockOne.dir, '.terraform.lock.hcl'), join(packed.dir, '.terraform.lock.hcl'));
  await packed.ok(['init', '-no-color', '-lockfile=readonly']);
});

describe('the network mirror (static files over HTTPS)', () => {
  let server: Server;
  let certFile: string;
  const served: string[] = [];

  beforeAll(async () => {
    const { certPem, keyPem } = createSelfSignedCertificate({ dnsNames: ['localhost'] });
    certFile = join(tmp, 'mirror-ca.pem');
    writeFileSync(certFile, certPem);
    const root = join(releaseTwo, 'mirror');
    server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname));
      try {
        const body = readFileSync(join(root, path));
        served.push(path);
        res.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'application/zip' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });

  afterAll(async () => {
    await new Promise((done) => server?.close(done));
  });

  test('installs the provider with the lock file of another machine', async () => {
    const { port } = server.address() as AddressInfo;
    const config = join(tmp, 'network.tfrc');
    writeFileSync(config, `provider_installation {\n  network_mirror {\n    url = "https://localhost:${port}/"\n  }\n}\n`);
    const three: User = { checkout: one.checkout, home: join(tmp, 'home-three'), tz: 'UTC' };
    mkdirSync(three.home, { recursive: true });
    const tf = workspace(three, config);
    // The lock file machine one's `terraform init` wrote from its installed package.
    const first = workspace(one, null);
    await first.init();
    copyFileSync(join(first.dir, '.terraform.lock.hcl'), join(tf.dir, '.terraform.lock.hcl'));
    await tf.ok(['init', '-no-color', '-lockfile=readonly'], { SSL_CERT_FILE: certFile });
    expect(served).toEqual(expect.arrayContaining([normalize(`/${PROVIDER_DIR}/index.json`), normalize(`/${PROVIDER_DIR}/${VERSION}.json`), normalize(`/${PROVIDER_DIR}/terraform-provider-integrateio_${VERSION}_linux_amd64.zip`)]));
  });
});
