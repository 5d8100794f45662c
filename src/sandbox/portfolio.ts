/**
 * A portfolio of generated companies for `sandbox --fleet N`: distinct ids, credentials and data
 * (each from its own seed), and a spread of outcomes a fleet audit has to tell apart — ready ones,
 * ones a blocker setting keeps from go-live, ones a person has to confirm (a setting the catalog
 * cannot find), and, from three companies up, one whose sender is not authorised, so its sign-in
 * is refused. Reproducible: the same count and seed give the same companies.
 */
import { loadCompany } from './companies.js';
import type { CompanyFixture } from './fixture.js';
import { generateCompany } from './generate.js';

export type PortfolioKind = 'ready' | 'not-ready' | 'incomplete' | 'refuses-sign-in';

export interface PortfolioCompany {
  /** Short name for a manifest, e.g. "company-07". */
  name: string;
  /** Environment-variable prefix of its credentials, e.g. "COMPANY_07_". */
  envPrefix: string;
  kind: PortfolioKind;
  fixture: CompanyFixture;
}

/** What makes each not-ready company not ready: one blocker setting each, in turn. */
const BLOCKERS: ((c: CompanyFixture) => void)[] = [
  (c) => void (c.preferences.AR!.ENABLEACCOUNTLABELS = 'T'),
  (c) => void (c.preferences.AR!.CUSTOMERSEQUENCE = ''),
  (c) => void (c.preferences.SO!.USELINEDIMENSIONSINSUBTOTALS = 'F'),
  (c) => void (c.preferences.AP!.VENDORSEQUENCE = ''),
];

/** The kind of the i-th company (0-based) of `count`. */
export function portfolioKind(i: number, count: number): PortfolioKind {
  if (count >= 3 && i === 2) return 'refuses-sign-in';
  return (['ready', 'not-ready', 'ready', 'incomplete', 'not-ready'] as const)[i % 5]!;
}

export function generatePortfolio(opts: { count: number; invoices?: number; seed?: number }): PortfolioCompany[] {
  const { count } = opts;
  if (!Number.isInteger(count) || count < 1) throw new Error(`generatePortfolio: count must be a whole number ≥ 1, got ${count}`);
  const invoices = opts.invoices ?? 1000;
  const seed = opts.seed ?? 1;
  const base = loadCompany('ready');
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(width, '0');
    const kind = portfolioKind(i, count);
    const fixture = generateCompany({ invoices, seed: seed * 1000 + i, base });
    fixture.description = `Portfolio company ${n} (${kind}), ${invoices.toLocaleString('en-US')} AR invoices`;
    fixture.company = { id: `FLEET-${n}-${seed}`, name: `Portfolio company ${n}` };
    fixture.credentials = {
      senderId: `fleet-sender-${n}`,
      senderPassword: `fleet-sender-${n}-password-not-real-${seed}`,
      userId: `ws_fleet_${n}`,
      userPassword: `fleet-user-${n}-password-not-real-${seed}`,
      // The sender is valid, but not authorised for this company: Intacct refuses the sign-in.
      ...(kind === 'refuses-sign-in' ? { authorisedSenders: ['another-partner-sender'] } : {}),
    };
    if (kind === 'not-ready') BLOCKERS[i % BLOCKERS.length]!(fixture);
    // No preference the catalog knows for the Order Entry subtotals: only a person can confirm it.
    if (kind === 'incomplete') delete fixture.preferences.SO!.USELINEDIMENSIONSINSUBTOTALS;
    return { name: `company-${n}`, envPrefix: `COMPANY_${n}_`, kind, fixture };
  });
}
