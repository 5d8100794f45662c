/**
 * ap.vendor-id-sequence — a document sequence numbers new vendors.
 *
 * Re-Leased creates vendors (suppliers) without a VENDORID; Intacct then takes the ID from the
 * document sequence assigned in AP configuration. Without one, every new supplier fails to sync.
 * Read where Re-Leased creates vendors, and decided as its twin ar.customer-id-sequence decides
 * for customers.
 */
import { docs } from '../src/kit/index.js';
import { idSequenceCheck } from './ar.customer-id-sequence.js';

export default idSequenceCheck(
  { contacts: 'vendors', object: 'VENDOR', idField: 'VENDORID', module: 'AP', setting: 'vendorIdSequence' },
  {
    id: 'ap.vendor-id-sequence',
    title: 'Vendor IDs are numbered by a document sequence',
    severity: 'blocker',
    category: 'ap',
    why:
      'Re-Leased sends no Vendor ID when it creates a vendor; Intacct must generate it from a document sequence, or the new contact fails to sync. ' +
      'In a multi-entity company sequencing is set per entity: what counts is the setting where Re-Leased creates vendors (the top level with Top-Level syncing, else the connected entity).',
    remediation: [
      'Create a sequence if none fits: Company > Setup > Settings > Document sequence (e.g. prefix V-).',
      'Assign it where Re-Leased creates vendors (the top level, or the connected entity without Top-Level syncing): Accounts Payable > Setup > Configuration > Document sequencing > Vendors, then Save.',
      'Existing vendors keep their IDs; only new ones are numbered.',
    ],
    docs: [docs.releasedLimitations, docs.documentSequences, docs.vendorsApi, docs.releasedTopLevel],
    version: 2,
  },
);
