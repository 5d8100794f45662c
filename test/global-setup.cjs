// Builds dist/ once per test run, as `npm run build` does (tsc, then scripts/generate.mjs), so the
// few tests that start the real command line as a child process (signals, exit codes, stdout
// streams) run what users run. In-process tests use the TypeScript sources directly.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [path.join(root, 'scripts/generate.mjs')], { cwd: root, stdio: 'inherit' });
};
