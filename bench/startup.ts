/**
 * Start-up figures of the real CLI, side by side with a bare `node -e 0` in the same run: each
 * command is spawned `runs` times, interleaved (so load on the machine hits all alike), and the
 * median wall time and peak RSS are kept.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'src', 'cli', 'bin.js');
const PRELOAD = pathToFileURL(join(here, 'peak-rss.js')).href;

export type StartupId = 'node' | 'version' | 'help' | 'demo-json' | 'demo-all';

export interface StartupFigure {
  id: StartupId;
  command: string;
  /** Median of the runs, ms (spawn to exit). */
  wallMs: number;
  /** Median peak RSS, MB. */
  rssMb: number;
  runsMs: number[];
}

const COMMANDS: { id: StartupId; command: string; args: (out: string) => string[] }[] = [
  { id: 'node', command: 'node -e 0', args: () => ['-e', '0'] },
  { id: 'version', command: 'intacct-preflight --version', args: () => [BIN, '--version'] },
  { id: 'help', command: 'intacct-preflight --help', args: () => [BIN, '--help'] },
  { id: 'demo-json', command: 'audit --demo --format json', args: (out) => [BIN, 'audit', '--demo', '--format', 'json', '--fail-on', 'never', '--quiet', '--out', join(out, 'json')] },
  {
    id: 'demo-all',
    command: 'audit --demo --format html,json,md,junit',
    args: (out) => [BIN, 'audit', '--demo', '--format', 'html,json,md,junit', '--fail-on', 'never', '--quiet', '--out', join(out, 'all')],
  },
];

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timeOnce(args: string[], rssFile: string): Promise<{ ms: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-400)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`\`node ${args.join(' ')}\` exited ${code}: ${stderr.trim().split('\n').pop() ?? ''}`));
      resolve({ ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 });
    });
  });
}

export async function measureStartup(runs: number, log: (text: string) => void): Promise<StartupFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-bench-'));
  try {
    const samples = new Map<StartupId, { ms: number; rssMb: number }[]>(COMMANDS.map((c) => [c.id, []]));
    log(`start-up: ${COMMANDS.length} commands × ${runs} runs, interleaved…`);
    for (let run = 0; run < runs; run++) {
      for (const c of COMMANDS) samples.get(c.id)!.push(await timeOnce(c.args(dir), join(dir, 'rss')));
    }
    return COMMANDS.map((c) => {
      const s = samples.get(c.id)!;
      return { id: c.id, command: c.command, wallMs: median(s.map((x) => x.ms)), rssMb: median(s.map((x) => x.rssMb)), runsMs: s.map((x) => x.ms) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
