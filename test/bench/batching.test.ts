/**
 * Batching budget of a full audit (issue 5), not timed: every built-in check against a generated
 * company on the sandbox, through the real client over loopback HTTP. The counts are asserted
 * from three places that do not share code — the client's run stats, the sandbox's log of what it
 * received, and the request bodies as they left the client — so a regression in planning,
 * batching or dedupe cannot hide behind one of them.
 */
import { Agent, type Dispatcher } from 'undici';
import { runAuditWithFacts, type AuditRun } from '../../src/audit/audit.js';
import { loadSettingsCatalog } from '../../src/plan/catalog.js';
import { applications, entityDetails, financialSetup } from '../../src/facts/index.js';
import { builtinChecks } from '../../src/plan/registry.js';
import { neededFacts, prepareChecks } from '../../src/plan/checks.js';
import { canonicalJson } from '../../src/gather/store.js';
import type { FactDef } from '../../src/model/check.js';
import type { ReadFunction } from '../../src/intacct/functions.js';
import { estimatedCost, SPREAD_FROM_LARGE_SCANS } from '../../src/intacct/request-plan.js';
import { generateCompany } from '../../src/sandbox/generate.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';

/** The budget: getAPISession alone, then the gathering, in at most 4 HTTP requests. */
const MAX_REQUESTS = 4;
const SEED = 7;

interface AuditCapture {
  run: AuditRun;
  sandbox: { requests: number; functions: number; received: Sandbox['received'] };
  /** Request bodies exactly as the client sent them, in order. */
  bodies: string[];
}

/** An undici dispatcher that forwards everything and keeps a copy of each request body. */
function recordingDispatcher(bodies: string[]): { dispatcher: Dispatcher; close: () => Promise<void> } {
  const agent = new Agent();
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    if (typeof opts.body === 'string') bodies.push(opts.body);
    else if (Buffer.isBuffer(opts.body)) bodies.push(opts.body.toString('utf8'));
    return dispatch(opts, handler);
  });
  return { dispatcher, close: () => agent.close() };
}

async function auditGenerated(invoices: number, maxFunctionsPerRequest?: number): Promise<AuditCapture> {
  const sandbox = await startSandbox({ company: generateCompany({ invoices, seed: SEED }) });
  const bodies: string[] = [];
  const rec = recordingDispatcher(bodies);
  try {
    const run = await runAuditWithFacts({
      connection: {
        endpoint: sandbox.endpoint,
        credentials: { ...sandbox.credentials },
        concurrency: 2,
        ...(maxFunctionsPerRequest ? { maxFunctionsPerRequest } : {}),
        dispatcher: rec.dispatcher,
      },
    });
    return {
      run,
      sandbox: { requests: sandbox.stats.requests, functions: sandbox.stats.functions, received: [...sandbox.received] },
      bodies,
    };
  } finally {
    await sandbox.close();
    await rec.close();
  }
}

/** Each `<function …>…</function>` of a request body, without its controlid (which is unique by design). */
function functionPayloads(body: string): string[] {
  return [...body.matchAll(/<function\b[^>]*>[\s\S]*?<\/function>/g)].map((m) => m[0].replace(/\s+controlid="[^"]*"/, ''));
}

/**
 * The dependency depth of every fact a full audit plans, computed here from the checks' own
 * declarations (not from the engine's planner): depth 0 = no dependencies.
 */
function factDepths(run: AuditRun): Map<string, number> {
  const ctx = { syncFrom: '2018-01-01', ...run.context, catalog: loadSettingsCatalog(), integration: run.integration };
  const defs: FactDef[] = [applications(), financialSetup(), entityDetails(), ...neededFacts(prepareChecks(builtinChecks(), ctx))];
  const depths = new Map<string, number>();
  const depthOf = (d: FactDef): number => {
    const known = depths.get(d.key);
    if (known !== undefined) return known;
    const depth = Math.max(-1, ...(d.dependsOn ?? []).map(depthOf)) + 1;
    depths.set(d.key, depth);
    return depth;
  };
  defs.forEach(depthOf);
  return depths;
}

/** The functions the engine says it sent, grouped by dependency depth (distinct payloads only). */
function sentFunctionsByDepth(run: AuditRun): ReadFunction[][] {
  const depths = factDepths(run);
  const perDepth: Map<string, ReadFunction>[] = [];
  for (const entry of run.store.entries()) {
    const sent = entry.result.request.sent;
    if (!sent) continue;
    const depth = depths.get(entry.key);
    if (depth === undefined) throw new Error(`fact ${entry.key} was gathered but no check declared it`);
    (perDepth[depth] ??= new Map()).set(canonicalJson(sent), sent as ReadFunction);
  }
  return [...perDepth].map((m) => [...(m?.values() ?? [])]);
}

function sentByDepth(run: AuditRun): number[] {
  return sentFunctionsByDepth(run).map((fns) => fns.length);
}

/** Requests for one layer: as many as the batch limit needs; one per slot (2) for a layer of several large scans. */
function layerRequests(fns: ReadFunction[], limit: number): number {
  const large = fns.filter((f) => estimatedCost(f) >= 20).length;
  return Math.max(Math.ceil(fns.length / limit), large >= SPREAD_FROM_LARGE_SCANS ? Math.min(2, fns.length) : 1);
}

describe('a full audit is a handful of batched requests, whatever the size of the company', () => {
  let small: AuditCapture;
  let large: AuditCapture;

  beforeAll(async () => {
    small = await auditGenerated(2_000);
    large = await auditGenerated(20_000);
  }, 60_000);

  it('ran every built-in check, each on facts it could read', () => {
    const checks = small.run.result.checks;
    expect(checks.map((c) => c.id).sort()).toEqual(builtinChecks().map((c) => c.meta.id).sort());
    expect(checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
  });

  it('sends getAPISession alone, then each dependency layer in as few requests as the batch limit allows, the data layer over both slots', () => {
    const stats = small.run.result.run.stats;
    const layers = sentByDepth(small.run);
    const perLayer = sentFunctionsByDepth(small.run).map((fns) => layerRequests(fns, 50));
    // The layer of record scans (transactions, ledger) is the one spread over the two slots.
    expect(perLayer).toEqual([1, 2]);
    const expectedRequests = 1 + perLayer.reduce((n, r) => n + r, 0);
    const expectedFunctions = 1 + layers.reduce((n, fns) => n + fns, 0);

    expect(stats.httpRequests).toBe(expectedRequests);
    expect(stats.functions).toBe(expectedFunctions);
    expect(stats.httpRequests).toBeLessThanOrEqual(MAX_REQUESTS);
    expect(stats.retries).toBe(0);

    // The sandbox saw exactly the same, and the session request carried nothing else.
    expect(small.sandbox.requests).toBe(expectedRequests);
    expect(small.sandbox.functions).toBe(expectedFunctions);
    expect(small.sandbox.received).toHaveLength(expectedFunctions);
    expect(new Set(small.sandbox.received.map((f) => f.request)).size).toBe(expectedRequests);
    const first = small.sandbox.received[0]!;
    expect(first.name).toBe('getAPISession');
    expect(small.sandbox.received.filter((f) => f.request === first.request)).toHaveLength(1);
    expect(small.sandbox.received.filter((f) => f.name === 'getAPISession')).toHaveLength(1);
    // The scans of the largest table are dealt out to both requests of the data layer.
    const invoiceScans = small.sandbox.received.filter((f) => f.name === 'query' && f.object === 'ARINVOICE');
    expect(invoiceScans.length).toBeGreaterThanOrEqual(2);
    expect(new Set(invoiceScans.map((f) => f.request)).size).toBe(2);
  });

  it('never asks for the same fact twice', () => {
    expect(small.bodies).toHaveLength(small.run.result.run.stats.httpRequests);
    const payloads = small.bodies.flatMap(functionPayloads);
    expect(payloads).toHaveLength(small.run.result.run.stats.functions);
    const repeated = payloads.filter((p, i) => payloads.indexOf(p) !== i);
    expect(repeated).toEqual([]);
  });

  it('costs the same requests and functions at 20,000 invoices as at 2,000', () => {
    const pick = (c: AuditCapture) => ({
      httpRequests: c.run.result.run.stats.httpRequests,
      functions: c.run.result.run.stats.functions,
      sandboxRequests: c.sandbox.requests,
      received: c.sandbox.received.map((f) => [f.name, f.object ?? f.application ?? ''].join(' ')).sort(),
    });
    expect(pick(large)).toEqual(pick(small));
  });

  it('splits a layer only as far as a lower batch limit forces it', async () => {
    const limited = await auditGenerated(2_000, 10);
    const layers = sentFunctionsByDepth(limited.run);
    const stats = limited.run.result.run.stats;
    expect(stats.functions).toBe(small.run.result.run.stats.functions);
    expect(stats.httpRequests).toBe(1 + layers.reduce((n, fns) => n + layerRequests(fns, 10), 0));
    expect(limited.sandbox.requests).toBe(stats.httpRequests);
  }, 30_000);
});
