/** After a failed or interrupted run, no empty folder this run created is left behind. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeIfEmpty } from '../../src/cli/output.js';

describe('removeIfEmpty', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'preflight-out-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('removes every level of --out a/b/c that this run created', () => {
    const dir = join(root, 'a', 'b', 'c');
    const created = mkdirSync(dir, { recursive: true });
    removeIfEmpty(created, dir);
    expect(existsSync(join(root, 'a'))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });

  test('stops at a level that holds something, and never touches folders it did not create', () => {
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'keep.txt'), 'x');
    const dir = join(root, 'a', 'b', 'c');
    const created = mkdirSync(dir, { recursive: true });
    removeIfEmpty(created, dir);
    expect(existsSync(join(root, 'a', 'b'))).toBe(false);
    expect(existsSync(join(root, 'a', 'keep.txt'))).toBe(true);
    removeIfEmpty(undefined, join(root, 'a'));
    expect(existsSync(join(root, 'a'))).toBe(true);
  });
});
