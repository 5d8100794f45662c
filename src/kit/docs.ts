/**
 * Documentation links the built-in checks cite (Re-Leased help centre, Intacct help and developer
 * docs), for user checks to cite too.
 */
import type { DocLink } from '../model/check.js';
import { deepFreeze } from '../util/deep-freeze.js';

const link = (title: string, url: string): DocLink => ({ title, url });

export const DOCS = deepFreeze({
  releasedLimitations: link(
    'Re-Leased: Understanding Sage Intacct integration limitations',
    'https://help.re-leased.com/hc/en-au/articles/23947102064404-Understanding-Sage-Intacct-Integration-Limitations',
  ),
  releasedKeyAspects: link(
    'Re-Leased: Key aspects of the Sage Intacct integration',
    'https://help.re-leased.com/en/articles/14055029-key-aspects-of-the-sage-intacct-integration',
  ),
  releasedConnect: link(
    'Re-Leased: How to connect Re-Leased to Sage Intacct',
    'https://help.re-leased.com/en/articles/14055027-how-to-connect-re-leased-to-sage-intacct',
  ),
  releasedSyncFrom: link(
    'Re-Leased: Connect to Sage Intacct (sync-from date)',
    'https://help-au.re-leased.com/hc/en-au/articles/18388092936212-Connect-to-Sage-Intacct',
  ),
  releasedSync: link(
    'Re-Leased: Performing a sync between Sage Intacct and Re-Leased',
    'https://help.re-leased.com/hc/en-au/articles/23947303526548-Performing-a-Sync-Between-Sage-Intacct-and-Re-Leased',
  ),
  releasedTopLevel: link(
    'Re-Leased: Top-level syncing for Sage Intacct',
    'https://help.re-leased.com/en/articles/14055021-top-level-syncing-for-sage-intacct',
  ),
  wsAuthorizations: link(
    'Intacct help: Web Services authorizations',
    'https://www.intacct.com/ia/docs/en_US/help_action/Company/Company_setup/Company_Information/Security/company-web-services-authorizations.htm',
  ),
  wsUsers: link(
    'Intacct help: Web Services only users',
    'https://www.intacct.com/ia/docs/en_US/help_action/Administration/Users/web-services-only-users.htm',
  ),
  permissionCeiling: link(
    'Intacct help: Why can’t I see or do something (permissions)',
    'https://www.intacct.com/ia/docs/en_AU/help_action/Administration/Permissions/why-cant-I-ns.htm',
  ),
  apiSessions: link('Intacct API: API sessions', 'https://developer.intacct.com/api/company-console/api-sessions/'),
  subscriptions: link('Intacct API: Subscriptions and company preferences', 'https://developer.intacct.com/api/company-console/subscriptions/'),
  queries: link('Intacct API: Queries (query, lookup)', 'https://developer.intacct.com/web-services/queries/'),
  documentSequences: link(
    'Intacct help: Document sequences for IDs',
    'https://www.intacct.com/ia/docs/en_ZA/help_action/Company/Document_numbering/document-sequences-for-ids.htm',
  ),
  customersApi: link('Intacct API: Customers', 'https://developer.intacct.com/api/accounts-receivable/customers/'),
  vendorsApi: link('Intacct API: Vendors', 'https://developer.intacct.com/api/accounts-payable/vendors/'),
  arAccountLabelsHelp: link(
    'Intacct help: AR account labels',
    'https://www.intacct.com/ia/docs/en_ZA/help_action/Accounts_Receivable/Setup/Account_labels/ar-account-labels.htm',
  ),
  arAccountLabelsApi: link('Intacct API: AR account labels', 'https://developer.intacct.com/api/accounts-receivable/ar-account-labels/'),
  apAccountLabelsApi: link('Intacct API: AP account labels', 'https://developer.intacct.com/api/accounts-payable/ap-account-labels/'),
  oeSubtotals: link(
    'Intacct 2025 R1: Dimensions in subtotal lines (Order Entry)',
    'https://www.intacct.com/ia/docs/en_US/releasenotes/2025/2025_Release_1/OrderEntry/2025-R1-OE-dimensions-in-subtotal-lines.htm',
  ),
  poSubtotalsTop: link(
    'Intacct help: How subtotal dimensions are determined at the top level',
    'https://www.intacct.com/ia/docs/en_ZA/help_action/Purchasing/Setting_up_Purchasing/how-system-determines-subtotal-dimensions-top-po-ns.htm',
  ),
  financialSetup: link('Intacct API: Financial setup', 'https://developer.intacct.com/api/company-console/financial-setup/'),
  entities: link('Intacct API: Entities', 'https://developer.intacct.com/api/company-console/entities/'),
  multiBaseCurrency: link(
    'Intacct help: Enable multiple base currencies',
    'https://www.intacct.com/ia/docs/en_ZA/help_action/Multi-entity/Multi-base_currencies/enable-multi-base-currency.htm',
  ),
  transactionCurrencies: link(
    'Intacct help: Transaction currencies',
    'https://www.intacct.com/ia/docs/en_GB/help_action/Company/Currencies_and_exchange_rates/Currencies/transaction-currencies-list.htm',
  ),
  invoicesApi: link('Intacct API: AR invoices', 'https://developer.intacct.com/api/accounts-receivable/invoices/'),
  billsApi: link('Intacct API: AP bills', 'https://developer.intacct.com/api/accounts-payable/bills/'),
  arAdjustmentsApi: link('Intacct API: AR adjustments', 'https://developer.intacct.com/api/accounts-receivable/ar-adjustments/'),
  journalEntriesApi: link('Intacct API: Journal entries', 'https://developer.intacct.com/api/general-ledger/journal-entries/'),
  glDetailApi: link('Intacct API: General ledger details (GLDETAIL)', 'https://developer.intacct.com/api/general-ledger/general-ledger-detail/'),
  glAccountsApi: link('Intacct API: Accounts (GLACCOUNT)', 'https://developer.intacct.com/api/general-ledger/accounts/'),
  reverseInvoiceHelp: link(
    'Intacct help: Reverse a posted invoice',
    'https://www.intacct.com/ia/docs/en_US/help_action/Accounts_Receivable/Invoices/Tasks/reverse-invoice.htm',
  ),
  releasedUnlink: link(
    'Re-Leased: Unlink and relink records between Re-Leased and Sage Intacct',
    'https://help.re-leased.com/en/articles/14055448-unlink-and-relink-records-between-re-leased-and-sage-intacct',
  ),
  releasedPropertyTracking: link(
    'Re-Leased: Setting up tracking categories with Sage Intacct',
    'https://help.re-leased.com/en/articles/14055019-setting-up-tracking-categories-with-sage-intacct',
  ),
  auditTrailsApi: link('Intacct API: Audit trails (AUDITHISTORY)', 'https://developer.intacct.com/api/company-console/audit-trails/'),
  arPaymentsApi: link('Intacct API: AR payments', 'https://developer.intacct.com/api/accounts-receivable/ar-payments/'),
  arAdvancesApi: link('Intacct API: AR advances', 'https://developer.intacct.com/api/accounts-receivable/ar-advances/'),
  overpaymentsHelp: link(
    'Intacct help: Handle overpayments',
    'https://www.intacct.com/ia/docs/en_US/help_action/Accounts_Receivable/Payments/handle-overpayments-ar.htm',
  ),
  attachmentsApi: link('Intacct API: Attachments', 'https://developer.intacct.com/api/company-console/attachments/'),
  refundsHelp: link(
    'Intacct help: Customer refunds overview',
    'https://www.intacct.com/ia/docs/en_US/help_action/Accounts_Receivable/Refunds/customer-refund-overview.htm',
  ),
  refundsRelease: link(
    'Intacct 2025 R3: Customer refunds',
    'https://www.intacct.com/ia/docs/en_ZA/releasenotes/2025/2025_Release_3/Accounts_Receivable/2025-R3-ar-customer-refunds-ga.htm',
  ),
} as const);
