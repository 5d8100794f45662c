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
  ARADJUSTMENT: { label: 'AR Adjustment', fields: adjustment('CUSTOMER') },
  APADJUSTMENT: { label: 'AP Adjustment', fields: adjustment('VENDOR') },
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
    ],
  },
  GLACCOUNT: {
    label: 'GL Account',
    fields: [RECORDNO, ['ACCOUNTNO', 'TEXT', { REQUIRED: true, LABEL: 'Account number' }], ['TITLE', 'TEXT', { REQUIRED: true, LABEL: 'Title' }], STATUS],
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
