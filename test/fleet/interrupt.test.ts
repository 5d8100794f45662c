/**
 * Ctrl+C in the middle of a fleet run, against the real executable (dist/, built by the global
 * setup): exit 130 with one line; the companies that finished keep their new reports, complete;
 * the others, and the index, stay byte for byte as the previous run left them; no temporary file
 * is left behind.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readResultFile } from '../../src/render/index.js';
import { BIN } from '../cli/sandbox-helpers.js';
import { run, tempDir } from '../cli/helpers.js';
import { startPortfolio } from './helpers.js';

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(p, readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

test('SIGINT mid-run exits 130; finished companies keep their reports, the rest and the index are untouched', async () => {
  const portfolio = await startPortfolio(5, { latencyMs: 250 });
  try {
    const cwd = tempDir('preflight-fleet-int-');
    const manifest = portfolio.manifest(cwd);
    const env = portfolio.env(cwd);
    const first = await run(['fleet', manifest, '--out', 'out', '--jobs', '5', '-q'], { cwd, env });
    expect(first.code).toBe(1);
    const before = snapshot(join(cwd, 'out'));

    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'fleet', manifest, '--out', 'out', '--jobs', '1'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let sent = false;
      child.stderr.on('data', (d: Buffer) => {
        stderr += String(d);
        // the first company is done and the second under way
        if (!sent && /^\[1\/5\] /m.test(stderr)) {
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 100);
        }
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(outcome.code).toBe(130);
    expect(outcome.stderr.trim().split('\n').pop()).toBe(
      'Interrupted: stopped; companies that finished kept their reports, the others kept their previous ones, and the index was not written.',
    );

    const finished = /^\[1\/5\] ([\w-]+):/m.exec(outcome.stderr)![1]!;
    const after = snapshot(join(cwd, 'out'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort()); // nothing half-written, no temporary file
    for (const [path, text] of after) {
      if (path.includes(`${join('out', finished)}/`)) {
        expect(text).not.toBe(before.get(path)); // a new, complete report
        if (path.endsWith('report.json')) expect(readResultFile(path).company.id).toBe(portfolio.companies.find((c) => c.name === finished)!.fixture.company.id);
      } else {
        expect({ path, same: text === before.get(path) }).toEqual({ path, same: true });
      }
    }
  } finally {
    await portfolio.close();
  }
}, 60_000);
