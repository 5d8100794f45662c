/**
 * The worker runs one call at a time, so asks made in turn (a worklist's pages of rows, read two
 * requests at a time) each get the whole time limit for their own work, not what is left after
 * waiting for the one ahead of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { UserCheckHost } from '../../src/evaluate/user-host.js';
import { UserCheckError } from '../../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'preflight-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A module that keeps the worker busy for `ms` while it loads. */
function busyModule(name: string, ms: number): string {
  const file = join(dir, name);
  writeFileSync(file, `const end = Date.now() + ${ms}; while (Date.now() < end) {}\nexport default {};\n`);
  return file;
}

it('asks in turn each have the limit for their own work', async () => {
  const host = new UserCheckHost(600);
  try {
    const [a, b] = [busyModule('a.mjs', 400), busyModule('b.mjs', 400)];
    const replies = await Promise.all([host.askInTurn({ op: 'load', file: a }, a, 'loading'), host.askInTurn({ op: 'load', file: b }, b, 'loading')]);
    // Both loaded (a module with no check is the module's own problem, not a time-out).
    expect(replies.map((r) => r.id)).toHaveLength(2);
  } finally {
    await host.close();
  }
});

it('asks at once share the wait: the second one, queued behind the first, runs out of time', async () => {
  const host = new UserCheckHost(600);
  try {
    const [a, b] = [busyModule('c.mjs', 400), busyModule('d.mjs', 400)];
    const both = Promise.all([host.ask({ op: 'load', file: a }, a, 'loading'), host.ask({ op: 'load', file: b }, b, 'loading')]);
    await expect(both).rejects.toBeInstanceOf(UserCheckError);
  } finally {
    await host.close();
  }
});
