/**
 * A snapshot as a live run of a small company would leave it: company facts, a preference read,
 * a record sample of foreign-currency customers (value and raw data), an audit-trail sample and a
 * permission failure. Values are shaped like the fact catalogue's (src/facts).
 */
import { FactStore } from '../../src/gather/store.js';
import type { SettingsCatalog } from '../../src/model/check.js';
import { buildSnapshot } from '../../src/history/snapshot.js';
import type { Snapshot } from '../../src/history/snapshot-model.js';

export const SENDER_PASSWORD = 'sender-pw-Xq81!';
export const USER_PASSWORD = 'user-pw-Lk29$';
export const SESSION_ID = 'sess-7f3a9c0d1e2b';

export const CATALOG: SettingsCatalog = {
  'ar.customerSequence': {
    application: 'AR',
    candidates: ['CUSTOMERSEQUENCE'],
    verified: false,
    label: 'Accounts Receivable > Setup > Configuration > Customer ID sequence',
    kind: 'non-empty',
  },
};

export function sampleStore(): FactStore {
  const store = new FactStore();
  store.set({
    key: 'prefs:AR',
    result: {
      ok: true,
      value: { CUSTOMERSEQUENCE: '' },
      request: { function: 'get_companyprefs', application: 'AR', sent: { function: 'get_companyprefs', application: 'AR' } },
    },
    data: { records: [{ $element: 'companypref', preference: 'CUSTOMERSEQUENCE', prefvalue: '' }] },
  });
  const sent = {
    function: 'query' as const,
    object: 'CUSTOMER',
    select: ['CURRENCY', 'CUSTOMERID', 'NAME'],
    filter: { and: [{ op: 'notequalto' as const, field: 'CURRENCY', value: 'NZD' }, { op: 'isnotnull' as const, field: 'CURRENCY' }] },
    pageSize: 25,
  };
  store.set({
    key: 'sample:CUSTOMER|where=foreign|select=CURRENCY,CUSTOMERID,NAME|order=-|limit=25',
    result: {
      ok: true,
      value: {
        object: 'CUSTOMER',
        count: 2,
        fields: ['CURRENCY', 'CUSTOMERID', 'NAME'],
        sample: [
          { CURRENCY: 'AUD', CUSTOMERID: 'C-10482', NAME: 'Harbourside Retail Pty Ltd' },
          { CURRENCY: 'USD', CUSTOMERID: 'C-20931', NAME: 'Kowhai Dental Group' },
        ],
      },
      request: { function: 'query', object: 'CUSTOMER', sent },
    },
    data: {
      count: 2,
      totalCount: 2,
      records: [
        { $element: 'CUSTOMER', CURRENCY: 'AUD', CUSTOMERID: 'C-10482', NAME: 'Harbourside Retail Pty Ltd' },
        { $element: 'CUSTOMER', CURRENCY: 'USD', CUSTOMERID: 'C-20931', NAME: 'Kowhai Dental Group' },
      ],
    },
  });
  store.set({
    key: 'sample:ARINVOICE|where=open|select=CUSTOMERID,CUSTOMERNAME,CURRENCY,RECORDNO|order=-|limit=25',
    result: {
      ok: true,
      value: {
        object: 'ARINVOICE',
        count: 1,
        fields: ['CURRENCY', 'CUSTOMERID', 'CUSTOMERNAME', 'RECORDNO'],
        sample: [{ CURRENCY: 'AUD', CUSTOMERID: 'C-10482', CUSTOMERNAME: 'Harbourside Retail Pty Ltd', RECORDNO: '881' }],
      },
      request: { function: 'query', object: 'ARINVOICE' },
    },
  });
  store.set({
    key: 'sample:GLENTRY|journal-payments',
    result: {
      ok: true,
      value: {
        object: 'GLENTRY',
        count: 1,
        fields: ['DESCRIPTION', 'RECORDNO', 'VENDORID', 'VENDORNAME'],
        sample: [{ DESCRIPTION: 'Payment to Southern Lift Services for March', RECORDNO: '5', VENDORID: 'V-0042', VENDORNAME: 'Southern Lift Services' }],
      },
      request: { function: 'query', object: 'GLENTRY' },
    },
  });
  store.set({
    key: 'sample:AUDITHISTORY|deleted',
    result: {
      ok: false,
      error: { kind: 'permission', message: 'The user may not read AUDITHISTORY (Company > Admin > Roles: Audit trail).', errorno: 'BL34000061' },
      request: { function: 'query', object: 'AUDITHISTORY' },
    },
  });
  return store;
}

export function sampleSnapshot(): Snapshot {
  return buildSnapshot({
    toolVersion: '0.1.0',
    createdAt: '2025-03-14T09:14:03.120Z',
    source: 'live',
    company: { id: 'harbour-property', entityId: 'NZ01', endpointHost: 'api.intacct.com' },
    syncFrom: '2023-07-01',
    context: { entities: ['NZ01', 'AU01'], session: { companyId: 'harbour-property', userId: 'RELEASED_WS', entityId: 'NZ01', endpointHost: 'api.intacct.com' } },
    checks: [
      { id: 'currency.foreign-currency-contacts', version: 1, origin: 'builtin' },
      { id: 'ar.customer-id-sequence', version: 2, origin: 'builtin' },
    ],
    catalog: CATALOG,
    facts: sampleStore(),
    stats: { httpRequests: 4, functions: 12, bytesSent: 4000, bytesReceived: 20000, retries: 0, sessionRenewals: 0 },
  });
}
