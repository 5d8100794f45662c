/**
 * Files a hostile but realistic user hands the tool (issue 12, sections 2 and 3): every writer
 * writes only a regular file where it was asked, and every input file is bounded. Each case ends
 * in exit 4 and ONE line, before any network traffic, never blocks, and leaves the target as it
 * was. Cases that could hang or crash a process (FIFOs, gzip bombs) run the real executable in a
 * child process with a time limit.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { run, tempDir } from '../cli/helpers.js';
import { BIN, sandboxEnv } from '../cli/sandbox-helpers.js';

let sb: Sandbox;
let reportJson: string;
let snapshotJson: string;
beforeAll(async () => {
  sb = await startSandbox({ company: loadCompany('ready') });
  const cwd = tempDir('preflight-hostile-report-');
  const r = await run(['audit', '--quiet', '--format', 'json', '--out', 'r', '--snapshot', 'snap.json.gz'], { cwd, env: sandboxEnv(sb, cwd) });
  expect(r.code).toBe(ExitCode.Ok);
  reportJson = readFileSync(join(cwd, 'r', 'report.json'), 'utf8');
  snapshotJson = gunzipSync(readFileSync(join(cwd, 'snap.json.gz'))).toString('utf8');
});
afterAll(async () => {
  await sb?.close();
});

function expectOneLine(stderr: string, names: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toEqual([expect.stringMatching(names)]);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/Internal error|EACCES:|ELOOP:|ENXIO:/);
}

/** A folder with a saved report.json (from the ready company) in it. */
function withReport(prefix: string): string {
  const cwd = tempDir(prefix);
  writeFileSync(join(cwd, 'report.json'), reportJson);
  return cwd;
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

const isRoot = process.getuid?.() === 0;

/** The real executable in a child process, killed (and reported) if it outlives `timeoutMs`. */
function runBin(
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: opts.env ?? sandboxEnv(sb, opts.cwd), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Write only what was asked, where it was asked

describe('writers refuse a target that is not a regular file (exit 4, one line, target untouched)', () => {
  test('render --out onto a character device (reproduction 3)', async () => {
    const cwd = withReport('preflight-hostile-dev-');
    mkdirSync(join(cwd, 'x'));
    // A device node needs root; a symbolic link to /dev/null is the same target for everyone else.
    if (isRoot) execFileSync('mknod', [join(cwd, 'x', 'null'), 'c', '1', '3']);
    else symlinkSync('/dev/null', join(cwd, 'x', 'null'));
    const r = await run(['render', 'report.json', '--format', 'md', '--out', 'x/null'], { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /x\/null.*(device|not a regular file)/);
    const st = lstatSync(join(cwd, 'x', 'null'));
    expect(st.isFile()).toBe(false);
    expect(readdirSync(join(cwd, 'x'))).toEqual(['null']); // no temporary file left either
  });

  test.each([
    ['render --out FIFO', ['render', 'report.json', '--format', 'md', '--out', 'target']],
    ['diff --out FIFO', ['diff', 'report.json', 'report.json', '--out', 'target']],
  ])('%s', async (_name, argv) => {
    const cwd = withReport('preflight-hostile-fifo-');
    mkfifo(join(cwd, 'target'));
    const r = await run(argv, { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /target.*(FIFO|pipe|not a regular file)/i);
    expect(lstatSync(join(cwd, 'target')).isFIFO()).toBe(true);
  });

  test.each([
    ['audit --out DIR whose report.json is a FIFO', ['--out', 'r'], 'r/report.json'],
    ['audit --snapshot FIFO', ['--out', 'r', '--snapshot', 'snap.json.gz'], 'snap.json.gz'],
    ['audit --debug-log FIFO', ['--out', 'r', '--debug-log', 'debug.log'], 'debug.log'],
  ])('%s: refused before any request, without blocking', async (_name, extra, fifo) => {
    const cwd = tempDir('preflight-hostile-audit-fifo-');
    mkdirSync(join(cwd, 'r'));
    mkfifo(join(cwd, fifo));
    const before = sb.received.length;
    const r = await runBin(['audit', '--format', 'json', ...extra], { cwd, timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, new RegExp(`${fifo.replace(/[./]/g, '\\$&')}.*(FIFO|pipe|not a regular file)`, 'i'));
    expect(sb.received.length).toBe(before);
    expect(lstatSync(join(cwd, fifo)).isFIFO()).toBe(true);
  });

  test('--debug-log onto a device (/dev/full) says so once, before the audit', async () => {
    const cwd = tempDir('preflight-hostile-full-');
    const before = sb.received.length;
    const r = await run(['audit', '--format', 'json', '--out', 'r', '--debug-log', '/dev/full'], { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /--debug-log.*\/dev\/full.*device/);
    expect(sb.received.length).toBe(before);
  });

  test('--debug-log /dev/stderr (a link to a pipe with no path of its own) names the pipe, not a missing file', async () => {
    const cwd = tempDir('preflight-hostile-stderr-');
    const child = spawn(process.execPath, [BIN, 'audit', '--format', 'json', '--out', 'r', '--debug-log', '/dev/stderr'], { cwd, env: sandboxEnv(sb, cwd), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(ExitCode.Usage);
    expectOneLine(stderr, /--debug-log \/dev\/stderr: is a symbolic link to a (FIFO|socket)/);
  });

  test('a debug log that stops being writable mid-run says so once, and the audit finishes', async () => {
    const cwd = tempDir('preflight-hostile-efbig-');
    // A file size limit makes the log's appends fail (EFBIG) after the first few KB; the report
    // goes to stdout, which the limit does not touch. SIGXFSZ is ignored so the write fails instead.
    const script = `trap '' XFSZ; ulimit -f 8; exec "${process.execPath}" "${BIN}" audit --format json --out - --debug-log debug.log`;
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { cwd, env: sandboxEnv(sb, cwd), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code).toBe(ExitCode.Ok);
    expect(JSON.parse(r.stdout).verdict).toBe('ready');
    const lines = r.stderr.split('\n').filter((l) => /debug log/i.test(l));
    expect(lines).toEqual([expect.stringMatching(/debug\.log.*could not be written.*EFBIG/)]);
  });

  test('a symbolic link to a regular file is written through, and stays a link', async () => {
    const cwd = withReport('preflight-hostile-link-');
    mkdirSync(join(cwd, 'shared'));
    writeFileSync(join(cwd, 'shared', 'latest.md'), 'last week\n');
    symlinkSync(join(cwd, 'shared', 'latest.md'), join(cwd, 'latest.md'));
    const r = await run(['render', 'report.json', '--format', 'md', '--out', 'latest.md'], { cwd });
    expect(r.code).toBe(ExitCode.Ok);
    expect(lstatSync(join(cwd, 'latest.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(cwd, 'latest.md'))).toBe(join(cwd, 'shared', 'latest.md'));
    expect(readFileSync(join(cwd, 'shared', 'latest.md'), 'utf8')).toMatch(/Ready for go-live/);
  });

  test('a read-only --out folder ends at once with one line, before any request', async () => {
    const cwd = tempDir('preflight-hostile-ro-');
    // Permission bits do not stop root; sysfs refuses new files even to root.
    let out = join(cwd, 'locked');
    if (isRoot) out = '/sys/kernel';
    else {
      mkdirSync(out);
      chmodSync(out, 0o555);
    }
    const before = sb.received.length;
    const r = await run(['audit', '--format', 'json', '--out', out], { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /--out .*(cannot be written|not writable)/);
    expect(sb.received.length).toBe(before);
  });

  test('--snapshot and --out naming the same file is a usage error', async () => {
    const cwd = tempDir('preflight-hostile-same-');
    const before = sb.received.length;
    const r = await run(['audit', '--format', 'json', '--out', 'r', '--snapshot', 'r/./report.json'], { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /--snapshot.*--out|--out.*--snapshot/);
    expect(sb.received.length).toBe(before);
    expect(existsSync(join(cwd, 'r', 'report.json'))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Inputs are bounded

/**
 * The gzip file of reproduction 7 (`{"a":"` + 2 GiB of A + `"}`), built from concatenated gzip
 * members so it takes milliseconds: a 1 MiB run of A compresses to about 1 KB.
 */
function gzipBomb(path: string): void {
  const chunk = gzipSync(Buffer.alloc(2 ** 20, 'A'));
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, gzipSync(Buffer.from('{"a":"')));
    for (let i = 0; i < 2048; i++) writeSync(fd, chunk);
    writeSync(fd, gzipSync(Buffer.from('"}')));
  } finally {
    closeSync(fd);
  }
}

function nested(depth: number): string {
  return '{"catalog":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}';
}

describe('input files are bounded (exit 4, one line)', () => {
  test('a snapshot that inflates to 2 GiB (reproduction 7)', async () => {
    const cwd = tempDir('preflight-hostile-bomb-');
    gzipBomb(join(cwd, 'b.gz'));
    const started = Date.now();
    const r = await runBin(['audit', '--from-snapshot', 'b.gz'], { cwd, timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: ExitCode.Usage, signal: null });
    expectOneLine(r.stderr, /b\.gz.*(too large|larger than|limit)/i);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('a config file nested 5000 levels deep (reproduction 8)', async () => {
    const cwd = tempDir('preflight-hostile-deep-');
    writeFileSync(join(cwd, 'd.json'), nested(5000));
    const r = await run(['audit', '--demo', '--config', 'd.json'], { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /d\.json.*nest.*catalog|d\.json.*catalog.*nest/i);
  });

  /** A saved file with a value nested `depth` levels deep where the schema allows any value. */
  function deepReport(depth: number): string {
    const report = JSON.parse(reportJson) as { checks: { evidence: unknown[] }[] };
    report.checks[0]!.evidence = ['__DEEP__'];
    return JSON.stringify(report).replace('"__DEEP__"', '['.repeat(depth) + ']'.repeat(depth));
  }
  function deepSnapshot(depth: number): string {
    const snapshot = JSON.parse(snapshotJson) as { facts: Record<string, { value?: unknown }> };
    const fact = Object.values(snapshot.facts).find((f) => f.value !== undefined)!;
    fact.value = '__DEEP__';
    return JSON.stringify(snapshot).replace('"__DEEP__"', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  }

  test.each([
    ['render', deepReport, (f: string) => ['render', f, '--format', 'md']],
    ['--baseline', deepReport, (f: string) => ['audit', '--demo', '--baseline', f]],
    ['--from-snapshot --redact', deepSnapshot, (f: string) => ['audit', '--from-snapshot', f, '--redact']],
  ])('a deeply nested file given to %s', async (_name, content, argv) => {
    const cwd = tempDir('preflight-hostile-deep-');
    writeFileSync(join(cwd, 'deep.json'), content(100_000));
    const r = await run(argv('deep.json'), { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /deep\.json.*nest/i);
  });

  test.each([
    ['render', (f: string) => ['render', f, '--format', 'md']],
    ['--baseline', (f: string) => ['audit', '--demo', '--baseline', f]],
    ['--from-snapshot', (f: string) => ['audit', '--from-snapshot', f]],
    ['--config', (f: string) => ['audit', '--demo', '--config', f]],
  ])('a file of gigabytes given to %s is refused by its size, unread', async (_name, argv) => {
    const cwd = tempDir('preflight-hostile-huge-');
    writeFileSync(join(cwd, 'huge.json'), '');
    truncateSync(join(cwd, 'huge.json'), 3 * 2 ** 30); // sparse: takes no disk space
    const started = Date.now();
    const r = await run(argv('huge.json'), { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /huge\.json.*(too large|larger than|limit)/i);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a symbolic link loop in --checks-dir (reproduction 9)', async () => {
    const cwd = tempDir('preflight-hostile-loop-');
    mkdirSync(join(cwd, 'd'));
    symlinkSync('loop.mjs', join(cwd, 'd', 'loop.mjs'));
    const r = await run(['audit', '--demo', '--checks-dir', 'd'], { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /loop\.mjs.*(symbolic link|loop)/i);
  });

  test.each([
    ['--config', (cwd: string) => (mkfifo(join(cwd, 'in.json')), ['audit', '--demo', '--config', 'in.json'])],
    ['--baseline', (cwd: string) => (mkfifo(join(cwd, 'in.json')), ['audit', '--demo', '--baseline', 'in.json'])],
    ['--from-snapshot', (cwd: string) => (mkfifo(join(cwd, 'in.json')), ['audit', '--from-snapshot', 'in.json'])],
    ['render', (cwd: string) => (mkfifo(join(cwd, 'in.json')), ['render', 'in.json'])],
    ['diff', (cwd: string) => (mkfifo(join(cwd, 'in.json')), ['diff', 'in.json', 'in.json'])],
    ['a check module in --checks-dir', (cwd: string) => (mkdirSync(join(cwd, 'd')), mkfifo(join(cwd, 'd', 'in.mjs')), ['audit', '--demo', '--checks-dir', 'd'])],
  ])('an input that is a FIFO (%s) does not block', async (_name, setUp) => {
    const cwd = tempDir('preflight-hostile-fifo-in-');
    const argv = setUp(cwd);
    const r = await runBin(argv, { cwd, timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /in\.(m?js|json)\b.*(FIFO|pipe|not a regular file)/i);
  });

  test('a credentials file that is a FIFO does not block', async () => {
    const home = tempDir('preflight-hostile-fifo-ini-');
    mkdirSync(join(home, '.intacct'));
    mkfifo(join(home, '.intacct', 'credentials.ini'));
    const r = await runBin(['audit', '--profile', 'default'], { cwd: home, env: { HOME: home, PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /credentials\.ini.*(FIFO|pipe|not a regular file)/i);
  });

  test('a gzip file given as --baseline gets one line, not its raw bytes', async () => {
    const cwd = tempDir('preflight-hostile-gz-');
    writeFileSync(join(cwd, 'report.json.gz'), gzipSync(reportJson));
    const r = await run(['audit', '--demo', '--baseline', 'report.json.gz'], { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /report\.json\.gz.*gzip/);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0e-\x1f\x7f]|\uFFFD/);
  });
});
