/**
 * The read functions intacct-preflight may send, as plain data. The client turns these into
 * `<function>` elements; nothing else can be expressed, which is half of the read-only guarantee
 * (the other half is the allowlist check in the client, which also covers values built at run time).
 */

/** Comparison operators of the `query` function's `filter` element. */
export type ComparisonOperator =
  | 'equalto'
  | 'notequalto'
  | 'lessthan'
  | 'lessthanorequalto'
  | 'greaterthan'
  | 'greaterthanorequalto'
  | 'like'
  | 'notlike';

export type Filter =
  | { op: ComparisonOperator; field: string; value: string }
  | { op: 'between'; field: string; values: [string, string] }
  | { op: 'in' | 'notin'; field: string; values: string[] }
  | { op: 'isnull' | 'isnotnull'; field: string }
  | { and: Filter[] }
  | { or: Filter[] };

export interface OrderBy {
  field: string;
  descending?: boolean;
}

export type ReadFunction =
  | { function: 'getAPISession'; locationId?: string }
  | {
      function: 'readByQuery';
      object: string;
      fields: string[] | '*';
      /** SQL-like string; '' for all records. */
      query: string;
      /** 1–1000; the API default is 100. */
      pageSize?: number;
      docParId?: string;
    }
  | { function: 'readMore'; resultId: string }
  | {
      function: 'query';
      object: string;
      select: string[];
      filter?: Filter;
      orderBy?: OrderBy[];
      showPrivate?: boolean;
      caseInsensitive?: boolean;
      /** 1–2000; the API default is 100. */
      pageSize?: number;
      offset?: number;
      docParId?: string;
    }
  | { function: 'read'; object: string; keys: string[]; fields: string[] | '*'; docParId?: string }
  | { function: 'lookup'; object: string; docParId?: string }
  | { function: 'inspect'; object: string; detail?: boolean }
  | { function: 'get_companyprefs'; application: string }
  | { function: 'get_applications' }
  | { function: 'getFinancialSetup' }
  | { function: 'readEntityDetails' }
  | {
      function: 'get_list';
      object: string;
      start?: number;
      maxItems?: number;
      showPrivate?: boolean;
      fields?: string[];
    };

export type ReadFunctionName = ReadFunction['function'];

/** A value parsed from response XML: text, an element with children, or repeated elements. */
export type XmlValue = string | XmlRecord | XmlValue[];
export interface XmlRecord {
  [name: string]: XmlValue;
}

/** What one successful function returned: the `<data>` element's attributes and its children. */
export interface FunctionData {
  /** `listtype` attribute, when present. */
  listType?: string;
  /** `count`, `totalcount`, `numremaining`, `offset` (numbers) and `resultId`, when present. */
  count?: number;
  totalCount?: number;
  numRemaining?: number;
  offset?: number;
  resultId?: string;
  /**
   * The child elements of `<data>`, one entry per element, in document order. For `query` and
   * `readByQuery` these are the records (field name → text). For other functions they are the
   * documented elements (e.g. `companypref`, `financialSetup`, `Type`). Each record carries its
   * element name in `$element`. Attributes are kept under `@name` keys.
   */
  records: XmlRecord[];
}
