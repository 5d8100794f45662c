/**
 * What bin.js needs of the command line, in one module: the build bundles it, with everything it
 * loads, into dist/src/cli/cli.bundle.cjs (scripts/bundle.mjs), which src/cli/load.ts loads.
 */
export { runCli } from './main.js';
export { flush } from './io.js';
