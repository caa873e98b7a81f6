#!/usr/bin/env node
// Adds up Jest (--json) and Playwright (json reporter) reports and prints one
// line `N passed, N failed, N skipped`. A report that is missing or unreadable
// counts as one failure: its runner crashed before it could write one.
// Exits 1 when anything failed.
const fs = require('node:fs');

function countJest(report) {
  // Suites that could not run (syntax errors, failing imports) have no tests.
  const brokenSuites = report.testResults.filter(
    suite => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function countPlaywright(report) {
  const {
    expected = 0,
    unexpected = 0,
    flaky = 0,
    skipped = 0,
  } = report.stats ?? {};
  // Errors outside tests (global setup, web server) fail the run as a whole.
  const runErrors = unexpected === 0 ? (report.errors ?? []).length : 0;
  return { passed: expected + flaky, failed: unexpected + runErrors, skipped };
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of process.argv.slice(2)) {
  let counts;
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    counts =
      'numPassedTests' in report ? countJest(report) : countPlaywright(report);
  } catch (error) {
    console.error(`test-summary: no usable report ${file}: ${error.message}`);
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  // Worded differently from the total, which must be the only such line.
  console.error(
    `test-summary: ${file}: ${counts.passed} ok, ${counts.failed} not ok, ${counts.skipped} skipped`,
  );
  for (const key of Object.keys(total)) total[key] += counts[key];
}

console.log(
  `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`,
);
process.exit(total.failed > 0 ? 1 : 0);
