/** A small fixture company for the client tests, with exact record counts the tests rely on. */
import type { CompanyFixture } from '../../src/sandbox/fixture.js';

export const CUSTOMER_COUNT = 250;

export function clientTestCompany(overrides: Partial<CompanyFixture> = {}): CompanyFixture {
  const customers = Array.from({ length: CUSTOMER_COUNT }, (_, i) => {
    const n = i + 1;
    return {
      RECORDNO: String(n),
      CUSTOMERID: `C${String(n).padStart(4, '0')}`,
      NAME: `Customer ${n} & Sons <Ltd>`,
      STATUS: n % 10 === 0 ? 'inactive' : 'active',
      CURRENCY: 'USD',
      WHENCREATED: '01/15/2024',
      WHENMODIFIED: '01/15/2024 10:00:00',
      MEGAENTITYID: n % 2 === 0 ? 'E100' : 'E200',
      MEGAENTITYNAME: n % 2 === 0 ? 'East' : 'West',
      SUPDOCID: null,
      TOTALDUE: '0.00',
    };
  });
  return {
    description: 'Client test company',
    company: { id: 'CLIENTCO', name: 'Client Test Co' },
    credentials: {
      senderId: 'client-sender',
      senderPassword: 'Sender-Secret-9f2x',
      userId: 'client-user',
      userPassword: 'User-Secret-7c1q',
    },
    applications: ['GL', 'AR', 'AP', 'ME'],
    financialSetup: { baseCurrency: 'USD', multiCurrency: true, multiBaseCurrency: false },
    entities: [
      { id: 'E100', name: 'East', recordno: '1', currency: 'USD' },
      { id: 'E200', name: 'West', recordno: '2', currency: 'GBP' },
    ],
    preferences: { AR: { ENABLE_LABELS: 'T' }, AP: { ENABLE_LABELS: 'F' } },
    objects: { CUSTOMER: { records: customers } },
    deniedObjects: ['VENDOR'],
    ...overrides,
  };
}
