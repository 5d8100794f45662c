/**
 * The promise of a snapshot: support re-evaluates it offline, with no credentials and no network,
 * and gets the report the live run produced. Live = the real client against the sandbox gateway
 * on loopback with the built-in checks; offline = the same checks on the snapshot file read back,
 * after the gateway is shut down.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateFacts, runAuditWithFacts, type AuditRun } from '../../src/audit/audit.js';
import type { AuditResult } from '../../src/model/result.js';
import { Redactor } from '../../src/assemble/redact.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { generateCompany } from '../../src/sandbox/generate.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import { redactSnapshot } from '../../src/history/redact-snapshot.js';
import { factStoreFromSnapshot, readSnapshot, snapshotFromAuditRun, writeSnapshot } from '../../src/history/snapshot.js';
import type { Snapshot } from '../../src/history/snapshot-model.js';

const TODAY = '2025-06-02';
const SYNC_FROM = '2019-01-01';

/** Timing and where it ran differ by nature; everything else must be equal. */
function comparable(r: AuditResult): unknown {
  return {
    ...r,
    run: { ...r.run, startedAt: 0, finishedAt: 0, durationMs: 0, source: 0 },
    checks: r.checks.map((c) => ({ ...c, durationMs: 0 })),
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'history-roundtrip-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Audits a fixture company live, then shuts its gateway down: nothing after can use the network. */
async function liveRun(company: string | CompanyFixture): Promise<{ run: AuditRun; secrets: string[] }> {
  const fixture = typeof company === 'string' ? loadCompany(company) : company;
  const sandbox = await startSandbox({ company: fixture });
  try {
    const run = await runAuditWithFacts({
      connection: { endpoint: sandbox.endpoint, credentials: { ...sandbox.credentials }, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 5 } },
      syncFrom: SYNC_FROM,
      today: TODAY,
    });
    return { run, secrets: [sandbox.credentials.senderPassword, sandbox.credentials.userPassword] };
  } finally {
    await sandbox.close();
  }
}

async function offline(snapshot: Snapshot): Promise<AuditResult> {
  return evaluateFacts(factStoreFromSnapshot(snapshot), { catalog: snapshot.catalog, syncFrom: snapshot.syncFrom, today: TODAY });
}

describe.each(['demo', 'multi-entity', 'restricted'])('snapshot round trip: %s company', (company) => {
  test('the offline result from the snapshot file equals the live result (timing aside)', async () => {
    const { run, secrets } = await liveRun(company);
    expect(run.result.checks.length).toBeGreaterThan(10);
    const file = join(dir, `${company}.snapshot.gz`);
    await writeSnapshot(file, snapshotFromAuditRun(run), { secrets });

    // Facts are counts and samples: the file stays small whatever the company's size.
    expect(statSync(file).size).toBeLessThan(64 * 1024);
    const snapshot = readSnapshot(file);
    expect(snapshot.company.id).toBe(run.result.company.id);
    expect(snapshot.checks.map((c) => c.id).sort()).toEqual(run.result.checks.map((c) => c.id).sort());

    const result = await offline(snapshot);
    expect(result.run.source).toBe('snapshot');
    expect(comparable(result)).toEqual(comparable(run.result));
  });
});

describe('snapshot size', () => {
  test('a company with 20,000 invoices still gives a small snapshot that re-evaluates to the same result', async () => {
    const { run, secrets } = await liveRun(generateCompany({ invoices: 20_000, seed: 7 }));
    const file = join(dir, 'large.snapshot.gz');
    await writeSnapshot(file, snapshotFromAuditRun(run), { secrets });
    expect(statSync(file).size).toBeLessThan(64 * 1024);
    expect(comparable(await offline(readSnapshot(file)))).toEqual(comparable(run.result));
  });
});

describe('redacted snapshot round trip', () => {
  test('a redacted snapshot re-evaluated offline gives the redacted live report, same pseudonyms', async () => {
    const { run, secrets } = await liveRun('demo');
    // The command line's order: redact the snapshot first (learning every identity in the facts),
    // then the report, with one redactor so both use the same pseudonyms.
    const redactor = new Redactor();
    const snapshot = redactSnapshot(snapshotFromAuditRun(run), redactor);
    const liveReport = redactor.redactResult(run.result);
    const file = join(dir, 'demo-redacted.snapshot.gz');
    // Customer and vendor names must not be in the file: use them as "secrets" the guard looks for.
    const names = liveReportIdentities(run.result);
    expect(names.length).toBeGreaterThan(0);
    await writeSnapshot(file, snapshot, { secrets: [...secrets, ...names.map((value) => ({ name: 'customer/vendor identity', value }))] });

    const back = readSnapshot(file);
    expect(back.redacted).toBe(true);
    // The facts are already pseudonymised: the offline report is marked redacted, not redacted again.
    const result = { ...(await offline(back)), redacted: true };
    expect(comparable(result)).toEqual(comparable(liveReport));
  });
});

/** Names and ids of customers and vendors in the live report's samples (what redaction must hide). */
function liveReportIdentities(result: AuditResult): string[] {
  const out = new Set<string>();
  for (const check of result.checks) {
    for (const record of check.affected?.sample ?? []) {
      for (const field of ['CUSTOMERID', 'CUSTOMERNAME', 'VENDORID', 'VENDORNAME']) {
        const v = record[field];
        if (typeof v === 'string' && v.length >= 4) out.add(v);
      }
    }
  }
  return [...out];
}
