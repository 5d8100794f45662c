import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportFileError, readResultFile, renderJson, writeFileAtomic } from '../../src/render/index.js';
import { sampleResult } from './sample-result.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-report-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function readError(path: string): ReportFileError {
  try {
    readResultFile(path);
  } catch (err) {
    expect(err).toBeInstanceOf(ReportFileError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n'); // one line for the CLI
    expect(message.startsWith(path)).toBe(true);
    return err as ReportFileError;
  }
  throw new Error(`readResultFile(${path}) did not fail`);
}

describe('readResultFile', () => {
  test('reads back a written report exactly (render = audit)', async () => {
    const path = join(dir, 'report.json');
    const text = renderJson(sampleResult());
    await writeFileAtomic(path, text);
    expect(renderJson(readResultFile(path))).toBe(text);
  });

  test('a file with a byte-order mark (saved by an editor) still reads', () => {
    const path = join(dir, 'report.json');
    writeFileSync(path, '\ufeff' + renderJson(sampleResult()));
    expect(readResultFile(path).verdict).toBe('not-ready');
  });

  test('missing file', () => {
    const err = readError(join(dir, 'nope.json'));
    expect(err.reason).toBe('missing');
    expect(err.message).toMatch(/no such file/);
  });

  test('a folder instead of a file', () => {
    expect(readError(dir).reason).toBe('unreadable');
  });

  test('not JSON (e.g. the HTML report given by mistake)', () => {
    const path = join(dir, 'report.html');
    writeFileSync(path, '<!DOCTYPE html><html></html>');
    const err = readError(path);
    expect(err.reason).toBe('not-json');
    expect(err.message).toMatch(/not JSON .*render reads report\.json/);
  });

  test('JSON that is not a report', () => {
    const path = join(dir, 'package.json');
    writeFileSync(path, JSON.stringify({ name: 'something', version: '1.0.0' }));
    expect(readError(path).reason).toBe('not-a-report');
    writeFileSync(path, '[1,2,3]');
    expect(readError(path).reason).toBe('not-a-report');
  });

  test('a damaged report names what is wrong', () => {
    const path = join(dir, 'report.json');
    const data = JSON.parse(renderJson(sampleResult()));
    data.checks[0].status = 'passed';
    delete data.counts;
    writeFileSync(path, JSON.stringify(data));
    const err = readError(path);
    expect(err.reason).toBe('invalid');
    expect(err.message).toContain('not a valid intacct-preflight report');
    expect(err.message).toContain('/checks/0/status: must be one of');
    expect(err.message).toContain('missing required property "counts"');
  });

  test('a report from a newer version says to upgrade', () => {
    const path = join(dir, 'report.json');
    const data = JSON.parse(renderJson(sampleResult()));
    data.schemaVersion = 2;
    data.somethingNew = true;
    writeFileSync(path, JSON.stringify(data));
    const err = readError(path);
    expect(err.reason).toBe('newer-version');
    expect(err.message).toMatch(/schemaVersion 2.*reads schemaVersion 1.*upgrade intacct-preflight/);
  });
});

describe('writeFileAtomic', () => {
  test('writes a new file and replaces an existing one, leaving no temporary files', async () => {
    const path = join(dir, 'report.html');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, Buffer.from('second'));
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  test('a failed write leaves the previous file intact and no partial file behind', async () => {
    const path = join(dir, 'report.json');
    writeFileSync(path, 'previous complete report');
    // not writable data: fails after the temporary file was created
    await expect(writeFileAtomic(path, 42 as unknown as string)).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('previous complete report');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  test('a failed rename (target is a folder) removes the temporary file', async () => {
    const target = join(dir, 'report.json');
    mkdirSync(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, renderJson(sampleResult()))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readdirSync(target)).toEqual(['inside']);
  });

  test('a missing folder is an error, not a silently created tree', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'report.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('concurrent writes to the same file each land whole', async () => {
    const path = join(dir, 'report.json');
    const big = (c: string) => c.repeat(2_000_000);
    await Promise.all([writeFileAtomic(path, big('a')), writeFileAtomic(path, big('b')), writeFileAtomic(path, big('c'))]);
    const content = readFileSync(path, 'utf8');
    expect(content.length).toBe(2_000_000);
    expect(new Set(content).size).toBe(1);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});
