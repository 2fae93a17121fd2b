/**
 * Measures the provider's start-up: the time from exec to the go-plugin handshake line on stdout,
 * median of N launches, against the time of `node -e 0` on the same machine (launches interleaved
 * so that machine noise hits both alike). Terraform pays this 3-5 times per command.
 *
 * A stand-alone command over {@link measureStartup} (the same measurement `npm run bench` makes),
 * handy to try a change to the provider's start-up quickly.
 *
 * Usage: node dist/bench/provider-startup.js [entry.js] [runs]
 *   entry.js  defaults to test/fixtures/testthing/provider.js
 *   runs      defaults to 15
 */
import * as path from 'node:path';
import { formatRatio } from './measure';
import { measureStartup, repoRoot } from './startup';

async function main(): Promise<void> {
  const root = repoRoot();
  const entry = path.resolve(process.argv[2] ?? path.join(root, 'test', 'fixtures', 'testthing', 'provider.js'));
  const runs = Number(process.argv[3] ?? 15);
  const result = await measureStartup({ entry, runs });
  process.stdout.write(
    `entry: ${path.relative(root, entry)}\n` +
      `node -e 0:              median ${result.baselineMedian.toFixed(1)} ms (${runs} runs)\n` +
      `exec to handshake line: median ${result.subjectMedian.toFixed(1)} ms (${runs} runs)\n` +
      `ratio (median of pairs): ${formatRatio(result.ratio)}\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
