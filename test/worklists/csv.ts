/** Reading worklist files back as a spreadsheet would: RFC 4180 fields, CRLF records, a leading BOM. */
import { readFileSync } from 'node:fs';

/** Records of a CSV text (BOM removed); each record's fields unquoted. Throws on a line end that is not CRLF. */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`a line end that is not CRLF at ${i}`);
    else field += c;
  }
  if (field !== '' || record.length) throw new Error('the last record has no CRLF');
  return records;
}

/** A worklist as header + rows of objects by column. */
export function readWorklist(path: string): { text: string; header: string[]; rows: Record<string, string>[]; last: string[] | undefined } {
  const text = readFileSync(path, 'utf8');
  const [header, ...records] = parseCsv(text);
  const data = records.filter((r) => !r[0]?.startsWith('INCOMPLETE:'));
  return {
    text,
    header: header!,
    rows: data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))),
    last: records[records.length - 1],
  };
}
