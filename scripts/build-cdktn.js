#!/usr/bin/env node
// Builds the package entry `integrateio-pipelines-as-code/cdktn`: the compiled CDKTF constructs
// (dist/lib/constructs) copied to dist/lib/constructs-cdktn with every `cdktf` module specifier
// rewritten to `cdktn`, in the .js and the .d.ts files. The copy sits beside the original, so its
// relative imports (`../definition`) reach the same files. Run by `npm run build` after tsc.
//
// lib/constructs imports only the package roots 'cdktf' and 'constructs' (eslint forbids deep
// paths such as 'cdktf/lib/...', whose layout cdktn need not share); a deep path fails this build.
/* global require, __dirname, process */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
// `node scripts/build-cdktn.js [SOURCE TARGET]`: the folders default to the package's own.
const SOURCE = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'lib', 'constructs'));
const TARGET = path.resolve(process.argv[3] ?? path.join(ROOT, 'dist', 'lib', 'constructs-cdktn'));

/** `require("cdktf")`, `from 'cdktf'`, `import("cdktf")`, with an optional deep path after the name. */
const SPECIFIER = /(\brequire\(\s*|\bfrom\s+|\bimport\(\s*)(['"])cdktf(\/[^'"]*)?\2/g;

function rewrite(text, file) {
  return text.replace(SPECIFIER, (_match, before, quote, deep) => {
    if (deep) throw new Error(`${file} imports cdktf${deep}: import from 'cdktf' itself, cdktn has no such path`);
    return `${before}${quote}cdktn${quote}`;
  });
}

function copyTree(from, to) {
  let count = 0;
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      count += copyTree(source, target);
    } else if (entry.name.endsWith('.js') || entry.name.endsWith('.d.ts')) {
      const text = rewrite(fs.readFileSync(source, 'utf8'), path.relative(ROOT, source));
      if (/(['"])cdktf(\/[^'"]*)?\1/.test(text)) throw new Error(`${path.relative(ROOT, source)} still names the module cdktf after the rewrite`);
      fs.writeFileSync(target, text);
      count += 1;
    }
  }
  return count;
}

if (!fs.existsSync(path.join(SOURCE, 'index.js'))) {
  process.stderr.write(`error: ${path.relative(ROOT, SOURCE)} is not built: run tsc first (npm run build does)\n`);
  process.exit(1);
}
fs.rmSync(TARGET, { recursive: true, force: true });
try {
  copyTree(SOURCE, TARGET);
} catch (err) {
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
}
