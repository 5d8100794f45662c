/**
 * The sandbox's built-in schema of standard Intacct objects: the fields `query`, `readByQuery`,
 * `read` and `lookup` know. A field outside this list (plus the fixture's own `fields`) is an
 * error, as in Intacct. `legacy` maps the DB codes that `readByQuery` query strings use to the
 * labels `query` uses (e.g. STATUS 'T' → 'active'); fixture values are always the labels.
 */

export interface FieldDef {
  ID: string;
  LABEL: string;
  DESCRIPTION: string;
  DATATYPE: string;
  REQUIRED: boolean;
  READONLY: boolean;
  ISCUSTOM: boolean;
  VALIDVALUES?: string[];
  /** readByQuery code → query label. */
  legacy?: Record<string, string>;
}

type Spec = [id: string, datatype: string, opts?: Partial<Omit<FieldDef, 'ID' | 'DATATYPE'>>];

const STATUS_LEGACY = { T: 'active', F: 'inactive' };
const STATUS: Spec = ['STATUS', 'ENUM', { VALIDVALUES: ['active', 'inactive'], legacy: STATUS_LEGACY, LABEL: 'Status' }];
const RECORDNO: Spec = ['RECORDNO', 'INTEGER', { READONLY: true, LABEL: 'Record number' }];
const ENTITY: Spec[] = [
  ['MEGAENTITYID', 'TEXT', { READONLY: true, LABEL: 'Created at - Entity ID' }],
];
const ENTITY_NAME: Spec = ['MEGAENTITYNAME', 'TEXT', { READONLY: true, LABEL: 'Created at - Entity name' }];
const DOC_STATES = ['Draft', 'Submitted', 'Posted', 'Partially Paid', 'Paid', 'Selected', 'Reversed', 'Reversal'];
const DOC_STATE_LEGACY = { D: 'Draft', A: 'Posted', P: 'Paid', R: 'Reversed' };
const PAYMENT_STATES = ['Draft', 'Submitted', 'Approved', 'Complete', 'Declined', 'Voided', 'Reversed'];
const PAYMENT_STATE_LEGACY = { D: 'Draft', S: 'Submitted', A: 'Approved', C: 'Complete', V: 'Voided', R: 'Reversed' };

function contact(kind: 'CUSTOMER' | 'VENDOR'): Spec[] {
  const label = kind === 'CUSTOMER' ? 'Customer' : 'Vendor';
  return [
    RECORDNO,
    [`${kind}ID`, 'TEXT', { LABEL: `${label} ID`, DESCRIPTION: 'Optional when document sequencing assigns IDs' }],
    ['NAME', 'TEXT', { REQUIRED: true, LABEL: `${label} name` }],
    STATUS,
    ['CURRENCY', 'TEXT', { LABEL: 'Default currency' }],
    ['WHENCREATED', 'TIMESTAMP', { READONLY: true, LABEL: 'Created' }],
    ['WHENMODIFIED', 'TIMESTAMP', { READONLY: true, LABEL: 'Modified' }],
    ...ENTITY,
    ENTITY_NAME,
    ['SUPDOCID', 'TEXT', { LABEL: 'Attachments ID' }],
    ['TOTALDUE', 'DECIMAL', { READONLY: true, LABEL: 'Total due' }],
  ];
}

function document(party: 'CUSTOMER' | 'VENDOR', withDocNumber: boolean, withModuleKey: boolean): Spec[] {
  const label = party === 'CUSTOMER' ? 'Customer' : 'Vendor';
  const specs: Spec[] = [
    RECORDNO,
    ['RECORDID', 'TEXT', { LABEL: party === 'CUSTOMER' ? 'Invoice number' : 'Bill number' }],
  ];
  if (withDocNumber) specs.push(['DOCNUMBER', 'TEXT', { LABEL: 'Reference number' }]);
  specs.push(
    [`${party}ID`, 'TEXT', { REQUIRED: true, LABEL: `${label} ID` }],
    [`${party}NAME`, 'TEXT', { READONLY: true, LABEL: `${label} name` }],
    ['STATE', 'ENUM', { READONLY: true, VALIDVALUES: DOC_STATES, legacy: DOC_STATE_LEGACY, LABEL: 'State' }],
    ['WHENCREATED', 'DATE', { REQUIRED: true, LABEL: 'Date' }],
    ['WHENPOSTED', 'DATE', { LABEL: 'GL posting date' }],
    ['WHENDUE', 'DATE', { LABEL: 'Due date' }],
    ['TOTALENTERED', 'DECIMAL', { READONLY: true, LABEL: 'Total amount' }],
    ['TOTALPAID', 'DECIMAL', { READONLY: true, LABEL: 'Total paid' }],
    ['TOTALDUE', 'DECIMAL', { READONLY: true, LABEL: 'Total due' }],
    ['CURRENCY', 'TEXT', { LABEL: 'Transaction currency' }],
    ['BASECURR', 'TEXT', { READONLY: true, LABEL: 'Base currency' }],
    ...ENTITY,
    ['SUPDOCID', 'TEXT', { LABEL: 'Attachments ID' }],
  );
  if (withModuleKey) specs.push(['MODULEKEY', 'TEXT', { READONLY: true, LABEL: 'Source module', DESCRIPTION: '4.AR = entered in AR, 8.SO = from Order Entry' }]);
  return specs;
}

/** Lines of an invoice, bill or adjustment (what `lookup` lists; the sandbox holds no line records by default). */
function lineItem(): Spec[] {
  return [
    RECORDNO,
    ['RECORDKEY', 'INTEGER', { READONLY: true, LABEL: 'Parent record number' }],
    ['LINE_NO', 'INTEGER', { LABEL: 'Line number' }],
    ['ACCOUNTNO', 'TEXT', { LABEL: 'GL account' }],
    ['AMOUNT', 'DECIMAL', { REQUIRED: true, LABEL: 'Amount' }],
    ['LOCATIONID', 'TEXT', { LABEL: 'Location' }],
    ['DEPARTMENTID', 'TEXT', { LABEL: 'Department' }],
    ['ENTRYDESCRIPTION', 'TEXT', { LABEL: 'Memo' }],
    ...ENTITY,
  ];
}

/** An Order Entry or Purchasing transaction (header) and its lines. */
function orderDocument(party: 'CUSTOMER' | 'VENDOR'): Spec[] {
  return [
    RECORDNO,
    ['DOCID', 'TEXT', { READONLY: true, LABEL: 'Document ID' }],
    ['DOCPARID', 'TEXT', { REQUIRED: true, LABEL: 'Transaction definition' }],
    [`${party}ID`, 'TEXT', { REQUIRED: true, LABEL: party === 'CUSTOMER' ? 'Customer ID' : 'Vendor ID' }],
    ['WHENCREATED', 'DATE', { REQUIRED: true, LABEL: 'Date' }],
    ['STATE', 'ENUM', { READONLY: true, LABEL: 'State', VALIDVALUES: ['Draft', 'Pending', 'Closed', 'Converted'] }],
    ['TOTAL', 'DECIMAL', { READONLY: true, LABEL: 'Total' }],
    ['CURRENCY', 'TEXT', { LABEL: 'Transaction currency' }],
    ...ENTITY,
  ];
}

function orderLine(): Spec[] {
  return [
    RECORDNO,
    ['DOCHDRNO', 'INTEGER', { READONLY: true, LABEL: 'Document record number' }],
    ['ITEMID', 'TEXT', { REQUIRED: true, LABEL: 'Item' }],
    ['QUANTITY', 'DECIMAL', { REQUIRED: true, LABEL: 'Quantity' }],
    ['PRICE', 'DECIMAL', { LABEL: 'Price' }],
    ['LOCATIONID', 'TEXT', { LABEL: 'Location' }],
    ...ENTITY,
  ];
}

/** The GL account flags that make a dimension required on every line posted to the account. */
const REQUIRE_FLAGS: [string, string][] = [
  ['REQUIREDEPT', 'Department'],
  ['REQUIRELOC', 'Location'],
  ['REQUIREPROJECT', 'Project'],
  ['REQUIRECUSTOMER', 'Customer'],
  ['REQUIREVENDOR', 'Vendor'],
  ['REQUIREEMPLOYEE', 'Employee'],
  ['REQUIREITEM', 'Item'],
  ['REQUIRECLASS', 'Class'],
  ['REQUIRECONTRACT', 'Contract'],
  ['REQUIREWAREHOUSE', 'Warehouse'],
];

function adjustment(party: 'CUSTOMER' | 'VENDOR'): Spec[] {
  const label = party === 'CUSTOMER' ? 'Customer' : 'Vendor';
  return [
    RECORDNO,
    ['RECORDID', 'TEXT', { LABEL: 'Adjustment number' }],
    [`${party}ID`, 'TEXT', { REQUIRED: true, LABEL: `${label} ID` }],
    [`${party}NAME`, 'TEXT', { READONLY: true, LABEL: `${label} name` }],
    ['STATE', 'ENUM', { READONLY: true, VALIDVALUES: DOC_STATES, legacy: DOC_STATE_LEGACY, LABEL: 'State' }],
    ['WHENCREATED', 'DATE', { REQUIRED: true, LABEL: 'Date' }],
    ['TOTALENTERED', 'DECIMAL', { READONLY: true, LABEL: 'Total amount' }],
    ['TOTALDUE', 'DECIMAL', { READONLY: true, LABEL: 'Total due' }],
    ['CURRENCY', 'TEXT', { LABEL: 'Transaction currency' }],
    ...ENTITY,
  ];
}

function accountLabel(): Spec[] {
  return [
    RECORDNO,
    ['ACCOUNTLABEL', 'TEXT', { REQUIRED: true, LABEL: 'Account label' }],
    ['DESCRIPTION', 'TEXT', { REQUIRED: true, LABEL: 'Description' }],
    ['GLACCOUNTNO', 'TEXT', { REQUIRED: true, LABEL: 'GL account' }],
    STATUS,
  ];
}

function docParams(): Spec[] {
  return [
    RECORDNO,
    ['DOCID', 'TEXT', { REQUIRED: true, LABEL: 'Transaction definition' }],
    ['DOCCLASS', 'ENUM', { LABEL: 'Document class', VALIDVALUES: ['Quote', 'Order', 'List', 'Invoice', 'Adjustment', 'Other'] }],
    STATUS,
  ];
}

const SPECS: Record<string, { label: string; fields: Spec[] }> = {
  CUSTOMER: { label: 'Customer', fields: contact('CUSTOMER') },
  VENDOR: { label: 'Vendor', fields: contact('VENDOR') },
  ARINVOICE: { label: 'AR Invoice', fields: document('CUSTOMER', true, true) },
  APBILL: { label: 'AP Bill', fields: document('VENDOR', false, false) },
  ARPYMT: {
    label: 'AR Payment',
    fields: [
      RECORDNO,
      ['RECORDTYPE', 'ENUM', { READONLY: true, LABEL: 'Record type', VALIDVALUES: ['rp', 'rr', 'ro', 'ri', 'rd'], DESCRIPTION: 'rp = overpayment, rr = advance, ro = applied overpayment' }],
      ['CUSTOMERID', 'TEXT', { REQUIRED: true, LABEL: 'Customer ID' }],
      ['CUSTOMERNAME', 'TEXT', { READONLY: true, LABEL: 'Customer name' }],
      ['STATE', 'ENUM', { READONLY: true, VALIDVALUES: PAYMENT_STATES, legacy: PAYMENT_STATE_LEGACY, LABEL: 'State' }],
      ['WHENCREATED', 'DATE', { LABEL: 'Date' }],
      ['WHENPAID', 'DATE', { LABEL: 'Payment date' }],
      ['TOTALENTERED', 'DECIMAL', { READONLY: true, LABEL: 'Total amount' }],
      ['TOTALPAID', 'DECIMAL', { READONLY: true, LABEL: 'Total paid' }],
      ['TOTALDUE', 'DECIMAL', { READONLY: true, LABEL: 'Unapplied amount' }],
      ['CURRENCY', 'TEXT', { LABEL: 'Transaction currency' }],
      ...ENTITY,
    ],
  },
  APPYMT: {
    label: 'AP Payment',
    fields: [
      RECORDNO,
      ['VENDORID', 'TEXT', { REQUIRED: true, LABEL: 'Vendor ID' }],
      ['VENDORNAME', 'TEXT', { READONLY: true, LABEL: 'Vendor name' }],
      ['STATE', 'ENUM', { READONLY: true, VALIDVALUES: PAYMENT_STATES, legacy: PAYMENT_STATE_LEGACY, LABEL: 'State' }],
      ['WHENCREATED', 'DATE', { LABEL: 'Date' }],
      ['WHENPAID', 'DATE', { LABEL: 'Payment date' }],
      ['TOTALENTERED', 'DECIMAL', { READONLY: true, LABEL: 'Total amount' }],
      ['CURRENCY', 'TEXT', { LABEL: 'Transaction currency' }],
      ...ENTITY,
    ],
  },
  ARINVOICEITEM: { label: 'AR Invoice Line', fields: lineItem() },
  APBILLITEM: { label: 'AP Bill Line', fields: lineItem() },
  ARADJUSTMENT: { label: 'AR Adjustment', fields: adjustment('CUSTOMER') },
  APADJUSTMENT: { label: 'AP Adjustment', fields: adjustment('VENDOR') },
  ARADJUSTMENTITEM: { label: 'AR Adjustment Line', fields: lineItem() },
  APADJUSTMENTITEM: { label: 'AP Adjustment Line', fields: lineItem() },
  SODOCUMENT: { label: 'Order Entry Transaction', fields: orderDocument('CUSTOMER') },
  SODOCUMENTENTRY: { label: 'Order Entry Transaction Line', fields: orderLine() },
  PODOCUMENT: { label: 'Purchasing Transaction', fields: orderDocument('VENDOR') },
  PODOCUMENTENTRY: { label: 'Purchasing Transaction Line', fields: orderLine() },
  ARACCOUNTLABEL: { label: 'AR Account Label', fields: accountLabel() },
  APACCOUNTLABEL: { label: 'AP Account Label', fields: accountLabel() },
  GLENTRY: {
    label: 'GL Entry',
    fields: [
      RECORDNO,
      ['BATCHNO', 'INTEGER', { READONLY: true, LABEL: 'Journal entry number' }],
      ['JOURNAL', 'TEXT', { LABEL: 'Journal' }],
      ['ENTRY_DATE', 'DATE', { LABEL: 'Entry date' }],
      ['ACCOUNTNO', 'TEXT', { REQUIRED: true, LABEL: 'Account' }],
      ['AMOUNT', 'DECIMAL', { REQUIRED: true, LABEL: 'Amount' }],
      ['TR_TYPE', 'INTEGER', { LABEL: 'Debit/credit', VALIDVALUES: ['1', '-1'] }],
      ['CUSTOMERID', 'TEXT', { LABEL: 'Customer ID' }],
      ['CUSTOMERNAME', 'TEXT', { READONLY: true, LABEL: 'Customer name' }],
      ['VENDORID', 'TEXT', { LABEL: 'Vendor ID' }],
      ['VENDORNAME', 'TEXT', { READONLY: true, LABEL: 'Vendor name' }],
      ['STATE', 'ENUM', { READONLY: true, LABEL: 'State', VALIDVALUES: ['Draft', 'Submitted', 'Partially Approved', 'Approved', 'Posted', 'Declined', 'Reversal Pending', 'Reversed'] }],
      ['CURRENCY', 'TEXT', { LABEL: 'Currency' }],
      ['DESCRIPTION', 'TEXT', { LABEL: 'Memo' }],
      ...ENTITY,
    ],
  },
  // A view of posted GL lines with their source module (MODULEKEY, e.g. 2.GL entered in General
  // Ledger, 3.AP, 4.AR, 11.CM posted by a sub-ledger). JOURNAL.SYMBOL is the journal's symbol, a
  // field of the related journal: the sandbox keeps it as a plain column under its dotted name.
  GLDETAIL: {
    label: 'General Ledger Detail',
    fields: [
      RECORDNO,
      ['BATCHNO', 'INTEGER', { READONLY: true, LABEL: 'Journal entry number' }],
      ['BATCH_DATE', 'DATE', { READONLY: true, LABEL: 'Journal entry date' }],
      ['BATCH_TITLE', 'TEXT', { READONLY: true, LABEL: 'Journal entry description' }],
      ['JOURNAL.SYMBOL', 'TEXT', { READONLY: true, LABEL: 'Journal symbol' }],
      ['MODULEKEY', 'TEXT', { READONLY: true, LABEL: 'Source module', DESCRIPTION: '2.GL = entered in General Ledger; 3.AP, 4.AR, 11.CM, … = posted by that sub-ledger' }],
      ['ACCOUNTNO', 'TEXT', { READONLY: true, LABEL: 'Account' }],
      ['ACCOUNTTITLE', 'TEXT', { READONLY: true, LABEL: 'Account title' }],
      ['AMOUNT', 'DECIMAL', { READONLY: true, LABEL: 'Amount' }],
      ['TR_TYPE', 'INTEGER', { READONLY: true, LABEL: 'Debit/credit', VALIDVALUES: ['1', '-1'] }],
      ['TRX_AMOUNT', 'DECIMAL', { READONLY: true, LABEL: 'Transaction amount' }],
      ['CURRENCY', 'TEXT', { READONLY: true, LABEL: 'Currency' }],
      ['CUSTOMERID', 'TEXT', { READONLY: true, LABEL: 'Customer ID' }],
      ['CUSTOMERNAME', 'TEXT', { READONLY: true, LABEL: 'Customer name' }],
      ['VENDORID', 'TEXT', { READONLY: true, LABEL: 'Vendor ID' }],
      ['VENDORNAME', 'TEXT', { READONLY: true, LABEL: 'Vendor name' }],
      ['LOCATIONID', 'TEXT', { READONLY: true, LABEL: 'Location' }],
      ['DOCNUMBER', 'TEXT', { READONLY: true, LABEL: 'Document number' }],
      ['DESCRIPTION', 'TEXT', { READONLY: true, LABEL: 'Memo' }],
      ...ENTITY,
    ],
  },
  GLJOURNAL: {
    label: 'Journal',
    fields: [RECORDNO, ['SYMBOL', 'TEXT', { REQUIRED: true, LABEL: 'Journal symbol' }], ['TITLE', 'TEXT', { REQUIRED: true, LABEL: 'Title' }], STATUS],
  },
  AUDITHISTORY: {
    label: 'Audit History',
    fields: [
      ['OBJECTTYPE', 'TEXT', { READONLY: true, LABEL: 'Object type' }],
      ['OBJECTKEY', 'TEXT', { READONLY: true, LABEL: 'Object key' }],
      ['OBJECTDESC', 'TEXT', { READONLY: true, LABEL: 'Object description' }],
      ['ACCESSMODE', 'ENUM', { READONLY: true, LABEL: 'Access mode', VALIDVALUES: ['C', 'M', 'D', 'V'], legacy: { Create: 'C', Modify: 'M', Delete: 'D', View: 'V' }, DESCRIPTION: 'C = Create, M = Modify, D = Delete, V = View' }],
      ['ACCESSTIME', 'TIMESTAMP', { READONLY: true, LABEL: 'Access time' }],
      ['USERID', 'TEXT', { READONLY: true, LABEL: 'User ID' }],
      ['SOURCE', 'ENUM', { READONLY: true, LABEL: 'Source', VALIDVALUES: ['api', 'csv', 'system', 'ui'] }],
      ...ENTITY,
    ],
  },
  GLACCOUNT: {
    label: 'GL Account',
    fields: [
      RECORDNO,
      ['ACCOUNTNO', 'TEXT', { REQUIRED: true, LABEL: 'Account number' }],
      ['TITLE', 'TEXT', { REQUIRED: true, LABEL: 'Title' }],
      ['ACCOUNTTYPE', 'ENUM', { LABEL: 'Account type', VALIDVALUES: ['balancesheet', 'incomestatement'] }],
      STATUS,
      ...REQUIRE_FLAGS.map(([id, dim]): Spec => [id, 'BOOLEAN', { LABEL: `Require ${dim.toLowerCase()}`, VALIDVALUES: ['true', 'false'] }]),
    ],
  },
  TAXDETAIL: {
    label: 'Tax Detail',
    fields: [RECORDNO, ['DETAILID', 'TEXT', { REQUIRED: true, LABEL: 'Tax detail ID' }], STATUS],
  },
  LOCATION: {
    label: 'Location',
    fields: [RECORDNO, ['LOCATIONID', 'TEXT', { REQUIRED: true, LABEL: 'Location ID' }], ['NAME', 'TEXT', { REQUIRED: true, LABEL: 'Name' }], STATUS],
  },
  DEPARTMENT: {
    label: 'Department',
    fields: [RECORDNO, ['DEPARTMENTID', 'TEXT', { REQUIRED: true, LABEL: 'Department ID' }], ['TITLE', 'TEXT', { REQUIRED: true, LABEL: 'Title' }], STATUS],
  },
  SODOCUMENTPARAMS: { label: 'Order Entry Transaction Definition', fields: docParams() },
  PODOCUMENTPARAMS: { label: 'Purchasing Transaction Definition', fields: docParams() },
};

/**
 * The application each object comes with (any one of them is enough). In a company that does not
 * subscribe to it, reads of the object fail as a switched-off feature does. General Ledger and
 * platform objects are always there.
 */
const APPLICATION_OF: Record<string, string[]> = {
  CUSTOMER: ['AR', 'SO'],
  VENDOR: ['AP', 'PO'],
  ARINVOICE: ['AR'],
  ARINVOICEITEM: ['AR'],
  ARPYMT: ['AR'],
  ARADJUSTMENT: ['AR'],
  ARADJUSTMENTITEM: ['AR'],
  ARACCOUNTLABEL: ['AR'],
  APBILL: ['AP'],
  APBILLITEM: ['AP'],
  APPYMT: ['AP'],
  APADJUSTMENT: ['AP'],
  APADJUSTMENTITEM: ['AP'],
  APACCOUNTLABEL: ['AP'],
  SODOCUMENT: ['SO'],
  SODOCUMENTENTRY: ['SO'],
  SODOCUMENTPARAMS: ['SO'],
  PODOCUMENT: ['PO'],
  PODOCUMENTENTRY: ['PO'],
  PODOCUMENTPARAMS: ['PO'],
};

/** Standard objects none of whose applications is among `subscribed`. */
export function unsubscribedObjects(subscribed: string[]): string[] {
  const apps = new Set(subscribed.map((a) => a.toUpperCase()));
  return Object.entries(APPLICATION_OF)
    .filter(([, of]) => !of.some((a) => apps.has(a)))
    .map(([o]) => o);
}

function toDef([id, datatype, opts]: Spec): FieldDef {
  const def: FieldDef = {
    ID: id,
    LABEL: opts?.LABEL ?? id,
    DESCRIPTION: opts?.DESCRIPTION ?? opts?.LABEL ?? id,
    DATATYPE: datatype,
    REQUIRED: opts?.REQUIRED ?? false,
    READONLY: opts?.READONLY ?? false,
    ISCUSTOM: false,
  };
  if (opts?.VALIDVALUES) def.VALIDVALUES = [...opts.VALIDVALUES];
  if (opts?.legacy) def.legacy = { ...opts.legacy };
  return def;
}

/** Names of the standard objects, in a stable order. */
export const STANDARD_OBJECTS: readonly string[] = Object.keys(SPECS);

export function isStandardObject(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SPECS, name.toUpperCase());
}

/** The display label of an object (for `inspect`). */
export function objectLabel(name: string): string {
  return SPECS[name.toUpperCase()]?.label ?? name;
}

/** A fresh copy of the standard fields of an object; [] if it is not a standard object. */
export function standardFields(name: string): FieldDef[] {
  const spec = SPECS[name.toUpperCase()];
  return spec ? spec.fields.map(toDef) : [];
}

/** Field IDs of a standard object, in schema order. */
export function standardFieldIds(name: string): string[] {
  return (SPECS[name.toUpperCase()]?.fields ?? []).map((s) => s[0]);
}
