#!/usr/bin/env node
// The `integrateio` command: runs the compiled CLI (npm run build writes dist/).
'use strict';
let cli;
try {
  cli = require('../dist/lib/cli/main.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('error: the project is not built yet: run `npm run build` first\n');
    process.exit(1);
  }
  throw err;
}
cli.runCli(process.argv).then((code) => {
  process.exitCode = code;
});
