/**
 * Bundles the command line (dist/src/cli/entry.js and all it loads, ours and our dependencies')
 * into one CommonJS file, dist/src/cli/cli.bundle.cjs, for src/cli/load.ts: one file that V8 can
 * load from a code cache, instead of some 300 ES modules resolved, read and compiled one by one at
 * every start. Run by scripts/generate.mjs after tsc. Library entry points (dist/src/index.js,
 * dist/src/kit/index.js) stay tsc's modules.
 *
 * An import() of a computed name (a user check) goes to Node's own loader through the function
 * load.ts passes in: V8 cannot run import() itself in a script compiled from a code cache.
 *
 * Each module's import.meta.url is kept what it was: the file it came from, relative to the
 * bundle (package.ts finds the package root from it, createRequire resolves from it, quick.ts and
 * html.ts find the build's generated files beside it).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';

/** Dependencies left to load from node_modules when used: only a fleet run needs them. */
const EXTERNAL = ['handlebars', 'yaml'];

export async function bundleCli(root) {
  const outfile = join(root, 'dist', 'src', 'cli', 'cli.bundle.cjs');
  const outdir = dirname(outfile);
  const importMetaUrl = {
    name: 'import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.(m?js|cjs)$/ }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        const ours = !args.path.includes(`${sep}node_modules${sep}`);
        // import(name) of a computed name (an import of a literal path is bundled)
        if (ours) text = text.replace(/\bimport\((?!\s*['"`)])/g, '__preflightImport(');
        if (!text.includes('import.meta')) return { contents: text, loader: 'js' };
        const rel = relative(outdir, args.path).split(sep).join('/');
        // A name no module declares: src/cli/load.ts passes it in (the file's URL, from the
        // bundle's folder), where a module's own `__dirname` or `require` would shadow Node's.
        const contents = text.replaceAll('import.meta.url', `__preflightModuleUrl(${JSON.stringify(rel)})`);
        // Anything else of import.meta would be empty in CommonJS: refuse it in our own code.
        if (contents.includes('import.meta') && ours) {
          throw new Error(`${args.path}: import.meta other than import.meta.url cannot be bundled`);
        }
        return { contents, loader: 'js' };
      });
    },
  };
  await build({
    entryPoints: [join(root, 'dist', 'src', 'cli', 'entry.js')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Paths as the package lays them out (node_modules may be a link), so the relative URLs hold.
    preserveSymlinks: true,
    external: EXTERNAL,
    // Smaller source to hold and scan; names are kept, so a --verbose stack still reads.
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
    // yargs' config `extends` uses import.meta.resolve, which this command line never reaches.
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [importMetaUrl],
  });
  return outfile;
}
