/**
 * Property-based tests (fast-check) of the whole audit path under hostile input.
 *
 * Gateway responses: a hostile proxy in front of a real sandbox mutates every answer after
 * sign-in (random text, truncation, junk, deleted ranges, wrong shapes, hostile attribute and
 * field values, huge values, oversize bodies). Whatever comes back, runAudit resolves within a
 * bounded time with a schema-valid result whose verdict follows the rules; when the answers are
 * not XML at all, nothing was read, so no check may pass or fail.
 *
 * Config files: random JSON and mutated valid configs through the command line end in an exit
 * code of the contract with at most one line on stderr, never a stack trace or internal error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { runAudit } from '../../src/audit/audit.js';
import { gateExitCode } from '../../src/assemble/gate.js';
import { renderHtml, renderJson, renderJunit, renderMarkdown, validateResult } from '../../src/render/index.js';
import type { AuditResult } from '../../src/model/result.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { run } from '../cli/helpers.js';
import { startHostileGateway, type HostileGateway } from './hostile-gateway.js';
import { TODAY } from './helpers.js';

const MAX_RESPONSE_BYTES = 256 * 1024;
const AUDIT_TIME_BOUND_MS = 10_000;

let sandbox: Sandbox;
let gateway: HostileGateway;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  sandbox = await startSandbox({ company: loadCompany('ready') });
  gateway = await startHostileGateway(sandbox);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await gateway?.close();
  await sandbox?.close();
});

afterEach(() => {
  expect(unhandled).toEqual([]);
});

/** One audit through the hostile gateway, failing the property if it does not settle in time. */
async function hostileAudit(): Promise<AuditResult> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`runAudit did not settle within ${AUDIT_TIME_BOUND_MS} ms`)), AUDIT_TIME_BOUND_MS);
  });
  try {
    return await Promise.race([
      runAudit({
        today: TODAY,
        connection: {
          endpoint: gateway.endpoint,
          credentials: { ...sandbox.credentials },
          timeoutMs: 2_000,
          deadlineMs: 6_000,
          maxResponseBytes: MAX_RESPONSE_BYTES,
          retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
        },
      }),
      bound,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What any result must satisfy, garbage in or not. */
function expectSaneResult(r: AuditResult): void {
  const v = validateResult(JSON.parse(JSON.stringify(r)));
  expect(v.ok ? [] : v.errors).toEqual([]);
  const blockers = r.checks.filter((c) => c.severity === 'blocker');
  const verdict = blockers.some((c) => c.status === 'fail' && !c.waived)
    ? 'not-ready'
    : blockers.some((c) => c.status === 'error' || c.status === 'manual') || r.notRun.some((c) => c.severity === 'blocker')
      ? 'incomplete'
      : 'ready';
  expect(r.verdict).toBe(verdict);
  expect(gateExitCode(r, 'blocker').code).toBe(verdict === 'not-ready' ? 1 : verdict === 'incomplete' ? 2 : 0);
  for (const c of r.checks) {
    expect(c.summary).not.toMatch(/\n/);
    if (c.affected) {
      expect(Number.isFinite(c.affected.count)).toBe(true);
      expect(c.affected.count).toBeGreaterThanOrEqual(0);
      expect(c.affected.sample.length).toBeLessThanOrEqual(25);
    }
  }
  // Every renderer copes with whatever the engine produced.
  for (const render of [renderJson, renderHtml, renderMarkdown, renderJunit]) expect(typeof render(r)).toBe('string');
}

// ---------------------------------------------------------------------------------------------
// Mutations of a real response

const HOSTILE_VALUES = [
  '',
  '-1',
  '-0',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999999999',
  '0x1F',
  ' 12 ',
  '13/45/2020',
  '02/30/2021 25:61:61',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '\u202e\u0000\uFFFF',
  'x'.repeat(100_000),
];

const xmlSafeText = fc.string({ maxLength: 200 }).map((s) => s.replace(/[<&]/g, ''));

/** Text that is (almost always) not XML at all, or XML broken beyond parsing. */
const garbageMutation = fc.oneof(
  fc.string({ maxLength: 500 }).map((s) => () => s),
  fc.constant(() => ''),
  fc.constant(() => '<html><body><h1>Welcome to nginx!</h1></body></html>'),
  fc.double({ min: 0.05, max: 0.95, noNaN: true }).map((f) => (b: string) => b.slice(0, Math.floor(b.length * f))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('<', '</', '<<', '&', '&bogus;', '<![CDATA[', '<?xml', '<!--')).map(
    ([f, junk]) =>
      (b: string) => {
        const at = Math.floor(b.length * f);
        return b.slice(0, at) + junk + b.slice(at);
      },
  ),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true })).map(
    ([f, len]) =>
      (b: string) => {
        const at = Math.floor(b.length * f);
        return b.slice(0, at) + b.slice(at + Math.max(1, Math.floor(b.length * len)));
      },
  ),
);

/** A response bigger than the client accepts: refused as a whole with a typed error. */
const oversizeMutation = fc.constant((b: string) => b.replace('<response>', `<response><!--${' '.repeat(MAX_RESPONSE_BYTES + 1024)}-->`));

/** Well-formed XML in the wrong shape, or with hostile values where numbers and dates belong. */
const shapeMutation = fc.oneof(
  // Paging attributes: the engine's counts come from totalcount.
  fc.tuple(fc.constantFrom('totalcount', 'numremaining', 'count', 'listtype'), fc.constantFrom(...HOSTILE_VALUES.slice(0, 13))).map(
    ([attr, value]) => (b: string) => b.replace(new RegExp(`${attr}="[^"]*"`, 'g'), `${attr}="${value}"`),
  ),
  // Every occurrence of one field's value replaced by a hostile value.
  fc.tuple(
    fc.constantFrom('CURRENCY', 'STATUS', 'TOTALENTERED', 'TOTALDUE', 'WHENCREATED', 'RECORDNO', 'CUSTOMERID', 'value', 'status', 'controlid'),
    fc.constantFrom(...HOSTILE_VALUES),
  ).map(([tag, value]) => (b: string) => b.replace(new RegExp(`<${tag}>[^<]*</${tag}>`, 'g'), `<${tag}>${value}</${tag}>`)),
  // An element renamed, dropped or duplicated.
  fc.tuple(fc.constantFrom('result', 'data', 'status', 'function', 'controlid', 'operation', 'authentication', 'errormessage'), xmlSafeText.map((s) => s.replace(/[^A-Za-z_]/g, '') || 'x')).map(
    ([tag, name]) => (b: string) => b.split(`<${tag}>`).join(`<${name}>`).split(`</${tag}>`).join(`</${name}>`),
  ),
  fc.constantFrom('data', 'status', 'controlid', 'result').map((tag) => (b: string) => b.replace(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`), '')),
  fc.constantFrom('result', 'data').map((tag) => (b: string) => {
    const m = new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`).exec(b);
    return m ? b.replace(m[0], m[0] + m[0]) : b;
  }),
  // Deep nesting inside a record.
  fc.integer({ min: 50, max: 5_000 }).map((depth) => (b: string) => b.replace('<data', `${'<n>'.repeat(depth)}${'</n>'.repeat(depth)}<data`)),
);

describe('hostile gateway responses through the full audit', () => {
  test('answers that are not XML: the audit resolves, and no check passes or fails on what it could not read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(garbageMutation, oversizeMutation), async (mutation) => {
        const probe = mutation(await sampleResponse());
        // Only answers the standard validator refuses (or that exceed the size cap) count as garbage.
        fc.pre(XMLValidator.validate(probe) !== true || probe.length > MAX_RESPONSE_BYTES);
        gateway.mutate = mutation;
        const r = await hostileAudit();
        expectSaneResult(r);
        for (const c of r.checks) expect([c.id, c.status === 'error' || c.status === 'manual']).toEqual([c.id, true]);
        expect(r.verdict).toBe('incomplete');
      }),
      { numRuns: 30, interruptAfterTimeLimit: 15_000 },
    );
  }, 60_000);

  test('wrong shapes and hostile values: a typed outcome, a valid result and a verdict that follows the rules', async () => {
    await fc.assert(
      fc.asyncProperty(shapeMutation, async (mutation) => {
        gateway.mutate = mutation;
        const r = await hostileAudit();
        expectSaneResult(r);
      }),
      { numRuns: 30, interruptAfterTimeLimit: 15_000 },
    );
  }, 60_000);
});

describe('answers that claim success but carry no data', () => {
  /** Removes `<data>` from the results picked by `mask` (result i loses it when bit i is set). */
  const stripData = (mask: number) => (b: string) => {
    let i = 0;
    return b.replace(/<result>[\s\S]*?<\/result>/g, (result) => ((mask >> i++ % 31) & 1 ? result.replace(/<data[ >][\s\S]*<\/data>|<data\/>/, '') : result));
  };

  test('a success without <data> is unreadable, not "no records": checks it touches never pass, fail or become not-applicable', async () => {
    gateway.mutate = (b) => b;
    const reference = await hostileAudit();
    expect(reference.verdict).toBe('ready');
    const before = Object.fromEntries(reference.checks.map((c) => [c.id, `${c.status}:${c.affected?.count ?? ''}`]));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (mask) => {
        gateway.mutate = stripData(mask);
        const r = await hostileAudit();
        expectSaneResult(r);
        for (const c of r.checks) {
          if (`${c.status}:${c.affected?.count ?? ''}` === before[c.id]) continue;
          expect([c.id, c.status, c.summary]).toEqual([c.id, expect.stringMatching(/^(error|manual)$/), c.summary]);
        }
      }),
      { numRuns: 20, interruptAfterTimeLimit: 10_000, examples: [[2 ** 31 - 1], [1]] },
    );
  }, 60_000);
});

/** A genuine answer to a batch of reads, to test mutations against the validator. */
let cachedResponse: string | undefined;
async function sampleResponse(): Promise<string> {
  if (cachedResponse) return cachedResponse;
  let captured = '';
  gateway.mutate = (b) => {
    if (!captured) captured = b;
    return b;
  };
  await hostileAudit();
  cachedResponse = captured;
  return captured;
}

// ---------------------------------------------------------------------------------------------
// Config files through the command line

const VALID_CONFIG = {
  checks: ['ar.*', 'ap.*', 'connection.*'],
  skip: ['ap.account-labels-disabled'],
  severity: { 'ar.customer-refunds': 'warning' },
  syncFrom: '2021-04-01',
  catalog: { customerIdSequence: { candidates: ['CUSTOMERSEQUENCE'], verified: true } },
  waivers: [{ check: 'ar.customer-id-sequence', reason: 'set on go-live day', expires: '2099-01-01', owner: 'ops' }],
  attestations: [{ check: 'so.subtotal-dimensions-from-lines', by: 'Jo Consultant', date: '2025-03-01' }],
  failOn: 'blocker',
  format: ['json'],
  redact: false,
  concurrency: 2,
  maxFunctions: 50,
  timeout: 30,
};

/** A valid config with one key replaced, removed or added. */
const mutatedConfig = fc
  .tuple(
    fc.constantFrom(...Object.keys(VALID_CONFIG), 'unknownKey', 'senderPassword', '$schema', 'checksDirs', 'out'),
    fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('', '*', '2017-01-01', 'x'.repeat(5_000), -1, 1e308, [], {})),
  )
  .map(([key, value]) => {
    const config: Record<string, unknown> = structuredClone(VALID_CONFIG);
    if (value === undefined) delete config[key];
    else config[key] = value;
    return JSON.stringify(config);
  });

const randomConfigText = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', '{', '{"checks": [', '\uFEFF{}', 'null', '[]', '{"__proto__": {"polluted": true}}', '{"constructor": {"prototype": {}}}'),
);

describe('config files through the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-prop-cfg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('random and mutated configs: exit 0/1/2 or 4 with at most one line, never a stack trace', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedConfig, randomConfigText), async (text) => {
        const file = join(dir, `c${n++}.json`);
        writeFileSync(file, text);
        const out = join(dir, `out${n}`);
        const r = await run(['audit', '--demo', '--quiet', '--config', file, '--out', out, '--format', 'json'], { cwd: dir });
        expect([0, 1, 2, 4]).toContain(r.code);
        expect(r.stderr).not.toMatch(/^\s+at /m);
        expect(r.stderr).not.toMatch(/Internal error/);
        const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
        expect(lines.length).toBeLessThanOrEqual(1);
        if (r.code === 4) expect(lines[0]).toMatch(/^Error: .*\S/);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 30, interruptAfterTimeLimit: 15_000 },
    );
  }, 60_000);
});
