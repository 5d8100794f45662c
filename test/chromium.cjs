// Whether the HTML report's browser test can run here, decided once for the global set-up (which
// says so on one line) and the test itself. In CI (CI=true) Chromium is mandatory.
const { existsSync } = require('node:fs');

function chromiumStatus(env = process.env) {
  const path = env.PREFLIGHT_CHROMIUM || '/usr/bin/chromium';
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  if (env.PREFLIGHT_SKIP_BROWSER === '1') return { path, run: false, reason: 'PREFLIGHT_SKIP_BROWSER=1 asks to skip it' };
  if (existsSync(path) || ci) return { path, run: true };
  return {
    path,
    run: false,
    reason: `Chromium not found at ${path}; install it with \`apt-get install chromium\`, or set PREFLIGHT_CHROMIUM=/path/to/chromium (in CI, CI=true, it is required)`,
  };
}

module.exports = { chromiumStatus };
