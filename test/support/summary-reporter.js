/**
 * Prints the plain closing line `tests: N passed, N failed, N skipped` after the run,
 * so that CI logs end with one line that counts what ran.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;
