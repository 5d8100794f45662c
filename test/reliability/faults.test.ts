/**
 * Verdict honesty under faults, over real HTTP on loopback: the real client and the full audit
 * against the sandbox gateway with injected faults.
 *
 * - A transient fault (one the retry budget absorbs) changes nothing: same verdict, same status
 *   and count for every check as a fault-free run of the same company.
 * - A persistent fault at sign-in ends in `connection.web-services-access` = error, every other
 *   check error, verdict incomplete, and exit 3 with one line from the command line.
 * - A persistent fault on reads makes the checks that needed those reads `error` (or `manual`),
 *   never pass or fail, and the verdict and gate follow from the blockers.
 */
import { gateExitCode } from '../../src/assemble/gate.js';
import type { ClientOptions } from '../../src/intacct/client.js';
import type { AuditResult } from '../../src/model/result.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import type { Fault } from '../../src/sandbox/faults.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { run, tempDir } from '../cli/helpers.js';
import { sandboxEnv } from '../cli/sandbox-helpers.js';
import { audit, byId, nonReadFunctions, outcome, statuses } from './helpers.js';

type Company = 'demo' | 'ready';
const COMPANIES: Company[] = ['demo', 'ready'];

const sandboxes = {} as Record<Company, Sandbox>;
const reference = {} as Record<Company, AuditResult>;

beforeAll(async () => {
  for (const name of COMPANIES) {
    sandboxes[name] = await startSandbox({ company: loadCompany(name) });
    reference[name] = await audit(sandboxes[name]);
  }
  // The two companies must differ, or "same as the reference" would prove little.
  expect(reference.demo.verdict).toBe('not-ready');
  expect(reference.ready.verdict).toBe('ready');
});

afterAll(async () => {
  for (const name of COMPANIES) {
    // Every function any test in this file sent was a read.
    expect(nonReadFunctions(sandboxes[name])).toEqual([]);
    await sandboxes[name]?.close();
  }
});

/** Where a fault lands: on the sign-in (getAPISession) or on the reads once the session exists. */
type Placement = 'sign-in' | 'reads';

/**
 * Runs one audit with `fault` injected `times` times, starting at the sign-in request or at the
 * first request after the session was issued (armed from the client's own session event).
 */
async function auditWithFault(
  sb: Sandbox,
  fault: Fault,
  times: number,
  placement: Placement,
  client: Partial<ClientOptions> = {},
): Promise<AuditResult> {
  let armed = false;
  if (placement === 'sign-in') sb.queueFault(fault, { times });
  return audit(sb, {
    client: {
      ...client,
      onEvent: (e) => {
        if (placement === 'reads' && e.type === 'session' && !armed) {
          armed = true;
          sb.queueFault(fault, { times });
        }
      },
    },
  });
}

/** The verdict rule and the gate, re-derived from the statuses: the result must agree with both. */
function expectConsistentVerdict(r: AuditResult): void {
  const blockers = r.checks.filter((c) => c.severity === 'blocker');
  const expected = blockers.some((c) => c.status === 'fail' && !c.waived)
    ? 'not-ready'
    : blockers.some((c) => c.status === 'error' || c.status === 'manual') || r.notRun.some((c) => c.severity === 'blocker')
      ? 'incomplete'
      : 'ready';
  expect(r.verdict).toBe(expected);
  expect(gateExitCode(r, 'blocker').code).toBe(expected === 'not-ready' ? 1 : expected === 'incomplete' ? 2 : 0);
}

// ---------------------------------------------------------------------------------------------
// Transient faults: recovered within the retry budget, so nothing changes.

interface TransientCase {
  name: string;
  fault: Fault;
  times: number;
  placements: Placement[];
  client?: Partial<ClientOptions>;
  /** What proves the fault really hit: a retry, or a session renewal. */
  recovery: 'retry' | 'renewal';
}

const TRANSIENT: TransientCase[] = [
  { name: 'HTTP 429 with GW-0010, no Retry-After', fault: { kind: 'http-status', status: 429, body: 'gw-0010' }, times: 2, placements: ['sign-in', 'reads'], recovery: 'retry' },
  { name: 'HTTP 502 with an HTML page', fault: { kind: 'http-status', status: 502, body: 'html' }, times: 2, placements: ['sign-in', 'reads'], recovery: 'retry' },
  { name: 'HTTP 503 with an HTML page', fault: { kind: 'http-status', status: 503, body: 'html' }, times: 2, placements: ['sign-in', 'reads'], recovery: 'retry' },
  { name: 'HTTP 524 (origin timeout)', fault: { kind: 'http-status', status: 524, body: 'html' }, times: 2, placements: ['sign-in', 'reads'], recovery: 'retry' },
  { name: 'connection reset', fault: { kind: 'reset' }, times: 2, placements: ['sign-in', 'reads'], recovery: 'retry' },
  { name: 'truncated XML (chunked)', fault: { kind: 'truncate' }, times: 1, placements: ['sign-in', 'reads'], recovery: 'retry' },
  { name: 'truncated XML (Content-Length broken)', fault: { kind: 'truncate', mode: 'close' }, times: 1, placements: ['sign-in', 'reads'], recovery: 'retry' },
  { name: 'malformed XML', fault: { kind: 'malformed' }, times: 1, placements: ['sign-in', 'reads'], recovery: 'retry' },
  {
    name: 'a body slower than the request timeout',
    fault: { kind: 'slow-body', delayMs: 1_500 },
    times: 1,
    placements: ['sign-in', 'reads'],
    client: { timeoutMs: 250 },
    recovery: 'retry',
  },
  { name: 'session expiry in the middle of the run', fault: { kind: 'expire-session' }, times: 1, placements: ['reads'], recovery: 'renewal' },
  { name: 'authentication failure after the session was issued', fault: { kind: 'auth-failure' }, times: 1, placements: ['reads'], recovery: 'renewal' },
];

describe.each(COMPANIES)('transient faults on the %s company: same verdict and statuses as a fault-free run', (company) => {
  const cases = TRANSIENT.flatMap((c) => c.placements.map((p) => [`${c.name} at ${p}`, c, p] as const));
  test.each(cases)('%s', async (_label, c, placement) => {
    const r = await auditWithFault(sandboxes[company], c.fault, c.times, placement, c.client);
    expect(outcome(r)).toEqual(outcome(reference[company]));
    if (c.recovery === 'retry') expect(r.run.stats.retries).toBeGreaterThanOrEqual(1);
    else expect(r.run.stats.sessionRenewals).toBeGreaterThanOrEqual(1);
    expectConsistentVerdict(r);
  });
});

test('HTTP 429 with Retry-After: the client waits as told, then the audit is unchanged', async () => {
  const sb = sandboxes.demo;
  const started = Date.now();
  const r = await auditWithFault(sb, { kind: 'http-status', status: 429, body: 'gw-0010', retryAfterSeconds: 1 }, 1, 'reads', {
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 },
  });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  expect(r.run.stats.retries).toBe(1);
  expect(outcome(r)).toEqual(outcome(reference.demo));
});

test('sessions expired on the gateway side (sandbox.expireSessions) mid-run: renewed once, unchanged result', async () => {
  const sb = sandboxes.ready;
  const r = await audit(sb, {
    client: {
      onEvent: (e) => {
        if (e.type === 'session' && !e.renewed) sb.expireSessions();
      },
    },
  });
  expect(r.run.stats.sessionRenewals).toBe(1);
  expect(outcome(r)).toEqual(outcome(reference.ready));
});

// ---------------------------------------------------------------------------------------------
// Persistent faults at sign-in: the audit cannot start.

const PERSISTENT_AT_SIGN_IN: [string, Fault][] = [
  ['HTTP 429 with GW-0010', { kind: 'http-status', status: 429, body: 'gw-0010' }],
  ['HTTP 502 with an HTML page', { kind: 'http-status', status: 502, body: 'html' }],
  ['HTTP 503 with an HTML page', { kind: 'http-status', status: 503, body: 'html' }],
  ['HTTP 524', { kind: 'http-status', status: 524, body: 'html' }],
  ['connection reset', { kind: 'reset' }],
  ['truncated XML', { kind: 'truncate' }],
  ['malformed XML', { kind: 'malformed' }],
  ['a body slower than the timeout', { kind: 'slow-body', delayMs: 1_000 }],
  ['authentication failure', { kind: 'auth-failure' }],
];

/** A fresh sandbox per persistent case, so leftover queued faults cannot leak into other tests. */
async function withFreshSandbox<T>(company: Company, fn: (sb: Sandbox) => Promise<T>): Promise<T> {
  const sb = await startSandbox({ company: loadCompany(company) });
  try {
    return await fn(sb);
  } finally {
    expect(nonReadFunctions(sb)).toEqual([]);
    await sb.close();
  }
}

describe('persistent faults at sign-in → connection.web-services-access error, nothing else decided', () => {
  test.each(PERSISTENT_AT_SIGN_IN)('%s', async (_name, fault) => {
    await withFreshSandbox('ready', async (sb) => {
      const r = await auditWithFault(sb, fault, 50, 'sign-in', { timeoutMs: 200 });
      const access = byId(r, 'connection.web-services-access');
      expect(access.status).toBe('error');
      expect(access.summary).not.toMatch(/\n/);
      expect(access.summary.length).toBeGreaterThan(10);
      expect(access.summary).not.toContain(sb.credentials.userPassword);
      for (const c of r.checks.filter((x) => x.id !== 'connection.web-services-access')) expect([c.id, c.status]).toEqual([c.id, 'error']);
      expect(r.verdict).toBe('incomplete');
      expect(gateExitCode(r, 'blocker').code).toBe(2);
      // Nothing but sign-in attempts reached the gateway.
      expect(sb.received.filter((f) => f.name !== 'getAPISession')).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Persistent faults on the reads: those checks are error, never pass or fail.

const PERSISTENT_ON_READS: [string, Fault][] = [
  ['HTTP 429 with GW-0010', { kind: 'http-status', status: 429, body: 'gw-0010' }],
  ['HTTP 503 with an HTML page', { kind: 'http-status', status: 503, body: 'html' }],
  ['HTTP 524', { kind: 'http-status', status: 524, body: 'html' }],
  ['connection reset', { kind: 'reset' }],
  ['truncated XML', { kind: 'truncate' }],
  ['malformed XML', { kind: 'malformed' }],
  ['a body slower than the timeout', { kind: 'slow-body', delayMs: 1_000 }],
  ['authentication failure after the session was issued', { kind: 'auth-failure' }],
  ['session expiry on every request', { kind: 'expire-session' }],
];

describe.each(COMPANIES)('persistent faults on every read of the %s company → every check error, verdict incomplete', (company) => {
  test.each(PERSISTENT_ON_READS)('%s', async (_name, fault) => {
    await withFreshSandbox(company, async (sb) => {
      const r = await auditWithFault(sb, fault, 50, 'reads', { timeoutMs: 200 });
      // Signed in, but not one read came back: the connection check cannot vouch for the link either.
      expect(byId(r, 'connection.web-services-access').status).toBe('error');
      for (const c of r.checks) {
        // Not one fact was read: a person may be asked (manual), nothing may be decided.
        expect([c.id, ['error', 'manual'].includes(c.status)]).toEqual([c.id, true]);
        expect(c.summary).not.toMatch(/\n/);
      }
      expect(r.checks.some((c) => c.severity === 'blocker' && c.status === 'error')).toBe(true);
      expect(r.verdict).toBe('incomplete');
      expect(gateExitCode(r, 'blocker').code).toBe(2);
      expectConsistentVerdict(r);
    });
  });
});

describe('a read refused for one object: only the checks that needed it change', () => {
  /** Checks whose status moved away from the fault-free run. */
  const changed = (r: AuditResult, company: Company) =>
    r.checks.filter((c) => c.status !== statuses(reference[company])[c.id]).map((c) => [c.id, c.status] as const);

  test.each(COMPANIES)('permission denied on ARINVOICE (%s): dependent checks error or manual, read-permissions fails', async (company) => {
    await withFreshSandbox(company, async (sb) => {
      sb.queueFault({ kind: 'function-error', permission: true, object: 'ARINVOICE' }, { times: 50 });
      const r = await audit(sb);
      const moved = changed(r, company);
      // The permission denial is the very evidence read-permissions looks for.
      expect(byId(r, 'connection.read-permissions').status).toBe('fail');
      expect(byId(r, 'connection.read-permissions').summary).toMatch(/ARINVOICE/);
      // Checks that read invoices could not decide; none of them passes or fails on missing data.
      for (const id of ['transactions.negative-invoices', 'transactions.attachments', 'currency.foreign-currency-transactions']) {
        expect([id, ['error', 'manual'].includes(byId(r, id).status)]).toEqual([id, true]);
        expect(byId(r, id).summary).toMatch(/ARINVOICE|permission/i);
      }
      for (const [id, status] of moved) {
        if (id !== 'connection.read-permissions') expect([id, ['error', 'manual'].includes(status)]).toEqual([id, true]);
      }
      // Checks that never touch invoices are untouched.
      expect(byId(r, 'ar.customer-id-sequence').status).toBe(statuses(reference[company])['ar.customer-id-sequence']);
      expect(r.verdict).toBe('not-ready');
      expectConsistentVerdict(r);
    });
  });

  test('a generic function failure on ARINVOICE (ready company): read-permissions is error, verdict incomplete, gate 2', async () => {
    await withFreshSandbox('ready', async (sb) => {
      sb.queueFault({ kind: 'function-error', permission: false, object: 'ARINVOICE' }, { times: 50 });
      const r = await audit(sb);
      expect(byId(r, 'connection.read-permissions').status).toBe('error');
      for (const [id, status] of changed(r, 'ready')) expect([id, ['error', 'manual'].includes(status)]).toEqual([id, true]);
      expect(byId(r, 'transactions.negative-invoices').status).toBe('error');
      expect(r.verdict).toBe('incomplete');
      expect(gateExitCode(r, 'blocker').code).toBe(2);
      expectConsistentVerdict(r);
    });
  });

  test('one failed request among several (the second round): only its checks move, and the gate follows their severity', async () => {
    await withFreshSandbox('ready', async (sb) => {
      // Let the session and the first batch through, then break every later request.
      let sessions = 0;
      let requests = 0;
      const r = await audit(sb, {
        client: {
          timeoutMs: 200,
          onEvent: (e) => {
            if (e.type === 'session') sessions += 1;
            if (e.type === 'request' && sessions === 1 && ++requests === 2) sb.queueFault({ kind: 'http-status', status: 503, body: 'html' }, { times: 50 });
          },
        },
      });
      const moved = changed(r, 'ready');
      expect(moved.length).toBeGreaterThan(0);
      for (const [id, status] of moved) expect([id, ['error', 'manual'].includes(status)]).toEqual([id, true]);
      // The second round reads what depends on the first: records of AR/AP objects (read only once
      // the subscriptions say the module is there), so the data checks and the read-permission
      // probes move; the settings blockers were all read in the first round and keep their verdict.
      const movedIds = moved.map(([id]) => id);
      expect(movedIds).toContain('connection.read-permissions');
      for (const id of ['ar.customer-id-sequence', 'ap.vendor-id-sequence', 'ar.account-labels-disabled', 'so.subtotal-dimensions-from-lines']) expect(movedIds).not.toContain(id);
      expect(movedIds.filter((id) => byId(r, id).severity === 'blocker')).toEqual(['connection.read-permissions']);
      expectConsistentVerdict(r);
      expect(r.verdict).toBe('incomplete');
      expect(gateExitCode(r, 'blocker').code).toBe(2);
      expect(gateExitCode(r, 'warning').code).toBe(2);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The same through the command line: exit 3 with one line when the audit cannot start.

describe('through the command line', () => {
  const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

  test.each([
    ['authentication failure', { kind: 'auth-failure' } as Fault],
    ['connection reset on every try', { kind: 'reset' } as Fault],
  ])('%s at sign-in → exit 3 and one line saying why', async (_name, fault) => {
    await withFreshSandbox('ready', async (sb) => {
      sb.queueFault(fault, { times: 50 });
      const cwd = tempDir('preflight-rel-');
      const r = await run(['audit', '--quiet', '--format', 'json', '--timeout', '1'], { cwd, env: sandboxEnv(sb, cwd) });
      expect(r.code).toBe(ExitCode.CouldNotAudit);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/^Error: could not audit: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }, 40_000);

  test('every read failing after sign-in → exit 2 (incomplete), never 0', async () => {
    await withFreshSandbox('ready', async (sb) => {
      sb.queueFault({ kind: 'function-error', permission: false }, { times: 500 });
      const cwd = tempDir('preflight-rel-');
      const r = await run(['audit', '--quiet', '--format', 'json'], { cwd, env: sandboxEnv(sb, cwd) });
      expect(r.code).toBe(ExitCode.Incomplete);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/^Incomplete \(--fail-on blocker\): /);
    });
  });
});
