/** A small company for the engine's tests against the sandbox gateway (independent of the product fixtures). */
import type { ClientOptions } from '../../src/intacct/client.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';

export function testCompany(opts: { entities?: boolean } = {}): CompanyFixture {
  return {
    description: 'Engine test company',
    company: { id: 'ENGINE-TEST', name: 'Engine Test Ltd' },
    credentials: { senderId: 'engine-sender', senderPassword: 'sender-secret', userId: 'engine-user', userPassword: 'user-secret' },
    applications: ['GL', 'AR', 'AP', 'SO'],
    financialSetup: { baseCurrency: opts.entities ? '' : 'GBP', multiCurrency: true, multiBaseCurrency: !!opts.entities },
    entities: opts.entities
      ? [
          { id: 'E1', name: 'North', recordno: '1', currency: 'GBP' },
          { id: 'E2', name: 'South', recordno: '2', currency: 'EUR' },
        ]
      : [],
    preferences: {
      AR: { CUSTOMERSEQUENCE: 'CUST', ENABLEACCOUNTLABELS: 'F' },
      AP: { VENDORSEQUENCE: '', ENABLEACCOUNTLABELS: 'T' },
      SO: { USELINEDIMENSIONSINSUBTOTALS: 'T' },
    },
    entityPreferences: opts.entities ? { E1: { SO: { USELINEDIMENSIONSINSUBTOTALS: 'T' } }, E2: { SO: { USELINEDIMENSIONSINSUBTOTALS: 'F' } } } : {},
    objects: {
      CUSTOMER: {
        records: [
          { RECORDNO: '1', CUSTOMERID: 'C1', NAME: 'Acme Lettings', STATUS: 'active', CURRENCY: 'GBP', WHENCREATED: '01/05/2020' },
          { RECORDNO: '2', CUSTOMERID: 'C2', NAME: 'Bolt Estates', STATUS: 'inactive', CURRENCY: 'USD', WHENCREATED: '03/07/2021' },
          { RECORDNO: '3', CUSTOMERID: 'C3', NAME: 'Crown Homes', STATUS: 'active', CURRENCY: 'USD', WHENCREATED: '09/09/2022' },
        ],
      },
      VENDOR: { records: [{ RECORDNO: '1', VENDORID: 'V1', NAME: 'Plumbers', STATUS: 'active', CURRENCY: 'GBP' }] },
      AUDITHISTORY: { records: [] },
      ARACCOUNTLABEL: { records: [] },
    },
    deniedObjects: ['AUDITHISTORY'],
    disabledObjects: ['ARACCOUNTLABEL'],
  };
}

export function connectionFor(sandbox: Sandbox, extra: Partial<ClientOptions> = {}): ClientOptions {
  return {
    endpoint: sandbox.endpoint,
    credentials: { ...sandbox.credentials },
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  };
}
