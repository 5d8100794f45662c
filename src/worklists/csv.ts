/**
 * Worklist files as spreadsheets open them: RFC 4180 quoting (csv-stringify), UTF-8 with a
 * byte-order mark so Excel reads it as UTF-8, CRLF line ends, dates as YYYY-MM-DD, amounts as
 * plain numbers, and no formula injection: a text cell that starts with =, +, -, @, tab or CR
 * (or their full-width forms) is prefixed with an apostrophe and quoted, as OWASP advises for CSV
 * files, while a negative amount stays a number.
 */
import { stringify } from 'csv-stringify/sync';

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[-+]?\d+(?:\.\d+)?$/;
const INTACCT_DATE = /^(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\/(\d{4})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/;

/** One cell as a spreadsheet should read it. */
export function cellText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const date = INTACCT_DATE.exec(text);
  if (date) return `${date[3]}-${date[1]}-${date[2]}${date[4] ? ` ${date[4]}` : ''}`;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return `'${text}`;
  return text;
}

/** Rows of cells (already made safe by cellText) as CSV text, each line ending in CRLF. */
export function csvText(rows: readonly (readonly string[])[]): string {
  // An escaped formula is quoted too, so no program reads it as anything but text.
  return rows.length === 0 ? '' : stringify(rows as string[][], { record_delimiter: 'windows', quoted_match: /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/ });
}
