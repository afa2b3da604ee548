/** Prints one plain closing line, "tests: N passed, N failed, N skipped", that CI logs can be read by. */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		process.stdout.write(
			`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
		);
	}
}
module.exports = SummaryReporter;
