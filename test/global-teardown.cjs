// After the run's summary: the one test that may be skipped says so on one line, with how to run it.
const { chromiumStatus } = require('./chromium.cjs');

module.exports = async function globalTeardown() {
  const chromium = chromiumStatus();
  if (!chromium.run) process.stderr.write(`SKIPPED: the HTML report's browser test (test/render/html-browser.test.ts): ${chromium.reason}.\n`);
};
