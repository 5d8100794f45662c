/** Plain-data facts, checks and results for the engine's unit tests (no client, no network). */
import type { CheckResult, NotRunCheck } from '../../src/model/result.js';
import { FactStore } from '../../src/gather/store.js';
import { resolveIntegration } from '../../src/plan/integration.js';
import type {
  Check,
  CheckContext,
  CheckOutcome,
  CheckStatus,
  FactDef,
  FactError,
  FactNeed,
  FactValues,
  Severity,
} from '../../src/model/check.js';

/** A fact that reads `get_companyprefs <app>` and keeps the record count. */
export function prefsFact(app: string, opts: { dependsOn?: FactDef[]; entityId?: string; key?: string } = {}): FactDef<number> {
  return {
    key: opts.key ?? `prefs:${app}${opts.entityId ? `@${opts.entityId}` : ''}`,
    ...(opts.dependsOn ? { dependsOn: opts.dependsOn } : {}),
    ...(opts.entityId ? { entityId: opts.entityId } : {}),
    request: () => ({ function: 'get_companyprefs', application: app }),
    interpret: (data) => data.records.length,
  };
}

export const ctx: CheckContext = { syncFrom: '2018-01-01', catalog: {}, options: {}, integration: resolveIntegration() };

export function makeCheck<N extends Record<string, FactNeed>>(
  id: string,
  opts: {
    severity?: Severity;
    needs?: (c: CheckContext) => N;
    evaluate?: (facts: FactValues<N>, c: CheckContext) => CheckOutcome;
  } = {},
): Check {
  const check: Check<N> = {
    meta: {
      id,
      title: `Title of ${id}`,
      severity: opts.severity ?? 'blocker',
      category: id.split('.')[0]!,
      why: 'Because the integration needs it.',
      remediation: ['Open Intacct', 'Fix it'],
      docs: [{ title: 'Docs', url: 'https://example.com/docs' }],
      version: 1,
    },
    needs: opts.needs ?? ((() => ({})) as unknown as (c: CheckContext) => N),
    evaluate: opts.evaluate ?? (() => ({ status: 'pass', summary: 'ok', evidence: [] })),
  };
  return check as unknown as Check;
}

export function storeWith(entries: Record<string, { value: unknown } | { error: FactError }>): FactStore {
  const store = new FactStore();
  for (const [key, e] of Object.entries(entries)) {
    const request = { function: 'get_companyprefs' as const, application: key.replace(/^prefs:/, '') };
    store.set({ key, result: 'value' in e ? { ok: true, value: e.value, request } : { ok: false, error: e.error, request } });
  }
  return store;
}

export function result(id: string, severity: Severity, status: CheckStatus, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    title: id,
    category: id.split('.')[0]!,
    severity,
    defaultSeverity: severity,
    status,
    summary: `${id} is ${status}`,
    evidence: [],
    waived: false,
    why: '',
    remediation: [],
    docs: [],
    checkVersion: 1,
    origin: 'builtin',
    durationMs: 1,
    ...extra,
  };
}

export function notRun(id: string, severity: Severity): NotRunCheck {
  return { id, title: id, severity, reason: 'skipped with --skip' };
}
