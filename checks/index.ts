/**
 * The built-in checks, sorted by id (the id is the file name). Adding a check = adding its file
 * here; test/checks/registry.test.ts fails when a file and this list disagree.
 */
import type { Check } from '../src/kit/index.js';

import accountsRequiredDimensions from './accounts.required-dimensions.js';
import apAccountLabelsDisabled from './ap.account-labels-disabled.js';
import apVendorIdSequence from './ap.vendor-id-sequence.js';
import arAccountLabelsDisabled from './ar.account-labels-disabled.js';
import arCustomerIdSequence from './ar.customer-id-sequence.js';
import arCustomerRefunds from './ar.customer-refunds.js';
import connectionReadPermissions from './connection.read-permissions.js';
import connectionWebServicesAccess from './connection.web-services-access.js';
import contactsDeletedContacts from './contacts.deleted-contacts.js';
import contactsInactiveContacts from './contacts.inactive-contacts.js';
import currencyCompanySettings from './currency.company-settings.js';
import currencyForeignCurrencyContacts from './currency.foreign-currency-contacts.js';
import currencyForeignCurrencyTransactions from './currency.foreign-currency-transactions.js';
import objectsRequiredCustomFields from './objects.required-custom-fields.js';
import paymentsJournalEntryPayments from './payments.journal-entry-payments.js';
import paymentsUnappliedCredits from './payments.unapplied-credits.js';
import poSubtotalDimensionsFromLines from './po.subtotal-dimensions-from-lines.js';
import soSubtotalDimensionsFromLines from './so.subtotal-dimensions-from-lines.js';
import transactionsAttachments from './transactions.attachments.js';
import transactionsDeletedInvoices from './transactions.deleted-invoices.js';
import transactionsNegativeInvoices from './transactions.negative-invoices.js';
import transactionsReversedInvoices from './transactions.reversed-invoices.js';

export const checks: Check[] = [
  accountsRequiredDimensions,
  apAccountLabelsDisabled,
  apVendorIdSequence,
  arAccountLabelsDisabled,
  arCustomerIdSequence,
  arCustomerRefunds,
  connectionReadPermissions,
  connectionWebServicesAccess,
  contactsDeletedContacts,
  contactsInactiveContacts,
  currencyCompanySettings,
  currencyForeignCurrencyContacts,
  currencyForeignCurrencyTransactions,
  objectsRequiredCustomFields,
  paymentsJournalEntryPayments,
  paymentsUnappliedCredits,
  poSubtotalDimensionsFromLines,
  soSubtotalDimensionsFromLines,
  transactionsAttachments,
  transactionsDeletedInvoices,
  transactionsNegativeInvoices,
  transactionsReversedInvoices,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

export default checks;
