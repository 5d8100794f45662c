/** The check ids are a public contract: reports, configs and pipelines use them. */
import { readdirSync } from 'node:fs';
import { checks } from '../../checks/index.js';
import { catalog, context } from './helpers.js';

const EXPECTED: Record<string, 'blocker' | 'warning' | 'info'> = {
  'accounts.required-dimensions': 'warning',
  'connection.web-services-access': 'blocker',
  'connection.read-permissions': 'blocker',
  'ar.customer-id-sequence': 'blocker',
  'ap.vendor-id-sequence': 'blocker',
  'ar.account-labels-disabled': 'blocker',
  'so.subtotal-dimensions-from-lines': 'blocker',
  'po.subtotal-dimensions-from-lines': 'blocker',
  'ap.account-labels-disabled': 'warning',
  'currency.foreign-currency-contacts': 'warning',
  'currency.foreign-currency-transactions': 'warning',
  'transactions.negative-invoices': 'warning',
  'transactions.reversed-invoices': 'info',
  'payments.journal-entry-payments': 'warning',
  'contacts.deleted-contacts': 'warning',
  'objects.required-custom-fields': 'warning',
  'payments.unapplied-credits': 'info',
  'transactions.attachments': 'info',
  'contacts.inactive-contacts': 'info',
  'ar.customer-refunds': 'info',
  'currency.company-settings': 'info',
  'transactions.deleted-invoices': 'info',
};

describe('built-in check registry', () => {
  test('holds exactly the published check ids with their default severities', () => {
    expect(Object.fromEntries(checks.map((c) => [c.meta.id, c.meta.severity]))).toEqual(EXPECTED);
  });

  test('is sorted by id', () => {
    const ids = checks.map((c) => c.meta.id);
    expect(ids).toEqual([...ids].sort());
  });

  test('has one module per check, named by its id', () => {
    const files = readdirSync(new URL('../../checks/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(files).toEqual(checks.map((c) => c.meta.id));
  });

  test.each(checks.map((c) => [c.meta.id, c] as const))('%s has complete metadata', (_id, c) => {
    expect(c.meta.title.length).toBeGreaterThan(10);
    expect(c.meta.why.length).toBeGreaterThan(40);
    expect(c.meta.category).toBe(c.meta.id.split('.')[0]);
    expect(c.meta.remediation.length).toBeGreaterThan(0);
    for (const step of c.meta.remediation) expect(step).toMatch(/[.)]$/);
    expect(c.meta.docs.length).toBeGreaterThan(0);
    for (const d of c.meta.docs) expect(d.url).toMatch(/^https:\/\/(developer\.intacct\.com|www\.intacct\.com|help(-au)?\.re-leased\.com)\//);
    expect(Number.isInteger(c.meta.version) && c.meta.version >= 1).toBe(true);
  });

  test('every check declares its facts with canonical keys, each fact one read function', () => {
    const ctx = context({ entities: ['E1', 'E2'] });
    for (const c of checks) {
      for (const need of Object.values(c.needs(ctx))) {
        expect(need.fact.key).toMatch(/\S/);
        expect(typeof need.fact.request).toBe('function');
      }
    }
  });
});

describe('settings catalog', () => {
  test('has the entries the settings checks read, all marked unverified with a source', () => {
    expect(Object.keys(catalog).sort()).toEqual(
      [
        'apAccountLabels',
        'arAccountLabels',
        'customerIdSequence',
        'customerRefunds',
        'poDistributeSubtotalsAtEntity',
        'poLineDimensionsInSubtotals',
        'soDistributeSubtotalsAtEntity',
        'soLineDimensionsInSubtotals',
        'vendorIdSequence',
      ].sort(),
    );
    for (const entry of Object.values(catalog)) {
      expect(entry.verified).toBe(false);
      expect(entry.label).toContain('>');
      expect(entry.source).toMatch(/intacct-preflight prefs/);
    }
    expect(catalog['customerIdSequence']).toMatchObject({ application: 'AR', candidates: ['CUSTOMERSEQUENCE'], kind: 'non-empty' });
    expect(catalog['vendorIdSequence']).toMatchObject({ application: 'AP', candidates: ['VENDORSEQUENCE'], kind: 'non-empty' });
    expect(catalog['poDistributeSubtotalsAtEntity']).toMatchObject({ application: 'PO', candidates: ['DISTRIBUTESUBTOTALSATENTITY'], kind: 'flag' });
  });
});
