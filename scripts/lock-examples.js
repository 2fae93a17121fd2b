#!/usr/bin/env node
// @ts-check
/* global require, __dirname, process */
'use strict';
/**
 * Rewrites the committed .terraform.lock.hcl of every Terraform example root (examples/terraform/*)
 * from the provider release, for every released platform:
 *
 *   npm run lock:examples                  build, package the release into a temporary folder, lock
 *   node scripts/lock-examples.js --from DIR   lock against a release `integrateio provider package` wrote
 *
 * Run it whenever the provider changes: the lock files record the `h1:` hash of each platform's
 * package, which changes with the provider's code (test/e2e/terraform-examples.test.ts fails with
 * this command in its message when they are stale).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { packageRelease, RELEASE_PLATFORMS } = require('../dist/lib/provider/release/index.js');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples', 'terraform');

const fromIndex = process.argv.indexOf('--from');
let mirror;
let tmp;
if (fromIndex > 0) {
  mirror = path.join(path.resolve(process.argv[fromIndex + 1]), 'mirror');
} else {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-lock-'));
  mirror = packageRelease({ out: tmp }).mirrorDir;
}
try {
  const env = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  for (const name of fs.readdirSync(EXAMPLES).sort()) {
    const dir = path.join(EXAMPLES, name);
    if (!fs.existsSync(path.join(dir, 'main.tf'))) continue;
    fs.rmSync(path.join(dir, '.terraform.lock.hcl'), { force: true });
    const platforms = RELEASE_PLATFORMS.map((p) => `-platform=${p}`);
    execFileSync('terraform', ['providers', 'lock', '-no-color', `-fs-mirror=${mirror}`, ...platforms], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
    process.stdout.write(`locked examples/terraform/${name}\n`);
  }
} finally {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}
