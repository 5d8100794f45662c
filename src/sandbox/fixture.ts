/**
 * A fixture company: everything the sandbox gateway answers from, as a JSON file a person can read
 * and edit (src/sandbox/companies/*.json). Field values are written the way the `query` function
 * returns them (labels such as `active`, dates as MM/DD/YYYY, amounts as decimal strings); the
 * sandbox translates to the legacy codes `readByQuery` uses where the two differ.
 */

export interface FixtureField {
  ID: string;
  LABEL?: string;
  DATATYPE?: string; // TEXT, DECIMAL, DATE, BOOLEAN, ENUM, INTEGER, ...
  REQUIRED?: boolean;
  READONLY?: boolean;
  ISCUSTOM?: boolean;
  VALIDVALUES?: string[];
}

export interface FixtureObject {
  /**
   * Fields beyond the sandbox's built-in standard fields for this object (custom fields, or
   * overrides such as REQUIRED). `lookup` answers from standard + these.
   */
  fields?: FixtureField[];
  records: Record<string, string | null>[];
  /**
   * A compact, read-only table used by generated companies (src/sandbox/generate.ts) instead of
   * `records`, so a million rows need not exist as objects. When present, the sandbox answers from
   * it; `records` is then a lazy view of the same rows (see virtualRecords). Not part of the JSON format.
   */
  table?: FixtureTable;
}

/**
 * One column of a {@link FixtureTable}. Values are produced on demand for row i (0-based).
 * `number` and `dictionary` are optional fast paths the sandbox uses for filters and sorting.
 */
export interface FixtureColumn {
  /** The value of row i as `query` returns it, or null. */
  text(i: number): string | null;
  /**
   * Numeric value of row i for DECIMAL/INTEGER (the number), DATE (days since 1970-01-01 UTC) and
   * TIMESTAMP (seconds since 1970-01-01 UTC) fields; NaN for null.
   */
  number?(i: number): number;
  /** Low-cardinality columns: the distinct values and the index of row i's value among them. */
  dictionary?: { values: (string | null)[]; code(i: number): number };
}

export interface FixtureTable {
  size: number;
  columns: Record<string, FixtureColumn>;
}

export interface FixtureEntity {
  id: string;
  name: string;
  recordno: string;
  /** Entity base currency. */
  currency: string;
  /** Records of a private entity are hidden from top-level queries unless showprivate is set. */
  private?: boolean;
}

export interface CompanyFixture {
  $schema?: string;
  /** Shown by `intacct-preflight sandbox` and in the demo report. */
  description: string;
  company: { id: string; name: string };
  /** Test credentials the sandbox accepts (never real ones). */
  credentials: {
    senderId: string;
    senderPassword: string;
    userId: string;
    userPassword: string;
    /** Senders authorised for this company; defaults to [senderId]. */
    authorisedSenders?: string[];
  };
  /** Subscribed application codes for get_applications (e.g. GL, AR, AP, SO, PO, ME). */
  applications: string[];
  /** getFinancialSetup answer. */
  financialSetup: {
    baseCurrency: string; // '' when multiBaseCurrency
    defaultBook?: string;
    firstFiscalMonth?: string;
    multiCurrency: boolean;
    multiBaseCurrency: boolean;
    multiBook?: boolean;
    multiEntityShared?: boolean;
  };
  /** Entities of a multi-entity company; empty for a single-entity company. */
  entities: FixtureEntity[];
  /** get_companyprefs values at top level: application → preference → value. */
  preferences: Record<string, Record<string, string>>;
  /** Entity-level preferences (in an entity session): entity id → application → preference → value. */
  entityPreferences?: Record<string, Record<string, Record<string, string>>>;
  /** Records per object, e.g. CUSTOMER, VENDOR, ARINVOICE, APBILL, ARPYMT, GLDETAIL, AUDITHISTORY. */
  objects: Record<string, FixtureObject>;
  /** Objects this company's user may not read: every read function on them fails with a permission error. */
  deniedObjects?: string[];
  /** Objects whose feature is switched off: reads fail as the gateway does for a disabled feature. */
  disabledObjects?: string[];
  /** Session lifetime in seconds (sliding); default 3600. */
  sessionTimeoutSeconds?: number;
}
