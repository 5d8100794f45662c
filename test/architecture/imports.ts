/**
 * The import graph of the project's own TypeScript files, read with the compiler that builds
 * them: every `import`, `export … from` and `import()` counts, type-only ones included (a
 * type-only cycle still ties two modules together for a reader).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const OPTIONS: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowJs: false };

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** File → the project files it imports (paths relative to `root`, with forward slashes). */
export function importGraph(root: string, dirs: string[]): Map<string, string[]> {
  const files = dirs.flatMap((d) => sourceFiles(resolve(root, d)));
  const known = new Set(files);
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue; // packages and node: built-ins are not ours
      const resolved = ts.resolveModuleName(ref.fileName, file, OPTIONS, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved && known.has(resolve(resolved))) targets.add(rel(resolve(resolved)));
    }
    graph.set(rel(file), [...targets].sort());
  }
  return graph;
}

/** Every group of files that import each other, directly or through others (Tarjan's strongly connected components). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}
