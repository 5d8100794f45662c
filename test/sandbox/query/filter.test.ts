/**
 * Compiled conditions, directly over small objects: SQL semantics for NULLs, typed comparisons,
 * LIKE patterns, case-insensitivity and readByQuery's legacy codes; and the fast paths (a
 * dictionary column decided once per distinct value, numbers compared without text) give the same
 * rows as the plain path for any condition.
 */
import fc from 'fast-check';
import { both, compileCondition, scan, type CompareOp, type Condition } from '../../../src/sandbox/query/filter.js';
import { buildObject, type ObjectState } from '../../../src/sandbox/table.js';
import { dictionaryObjectOf, failureOf, objectOf, type Row } from './objects.js';

const TYPES = { RECORDNO: 'INTEGER', NAME: 'TEXT', AMOUNT: 'DECIMAL', DAY: 'DATE', AT: 'TIMESTAMP' };
const RECORDS: Row[] = [
  { RECORDNO: '1', NAME: 'Alpha', AMOUNT: '100', DAY: '12/31/2023', AT: '12/31/2023 23:59:59' },
  { RECORDNO: '2', NAME: 'beta', AMOUNT: '9.5', DAY: '01/02/2024', AT: '01/01/2024 00:00:00' },
  { RECORDNO: '3', NAME: null, AMOUNT: '', DAY: null, AT: null },
  { RECORDNO: '4', NAME: '', AMOUNT: '-20', DAY: '02/29/2024', AT: '02/29/2024 12:00:00' },
  { RECORDNO: '5', NAME: 'a.b*c', AMOUNT: '10', DAY: '01/10/2024', AT: '01/10/2024 08:30:00' },
];
const plain = objectOf(TYPES, RECORDS);

/** RECORDNOs of the rows a condition matches. */
function matching(c: Condition, obj: ObjectState = plain, opts = {}): string[] {
  const pred = compileCondition(c, obj, opts);
  const recordNo = obj.column('RECORDNO');
  return [...scan(obj, pred)].map((r) => recordNo.text(r)!);
}
const cmp = (field: string, op: CompareOp, value: string): Condition => ({ t: 'cmp', field, op, value });

describe('compileCondition', () => {
  test.each([
    ['numbers compare as numbers, not text', cmp('AMOUNT', '>', '9'), ['1', '2', '5']],
    ['NULL and empty satisfy no comparison, not even <>', cmp('AMOUNT', '<>', '100'), ['2', '4', '5']],
    ['text <> skips NULL and empty too', cmp('NAME', '<>', 'Alpha'), ['2', '5']],
    ['dates compare as dates (01/02/2024 after 12/31/2023)', cmp('DAY', '>', '12/31/2023'), ['2', '4', '5']],
    ['a date operand on a timestamp means midnight', cmp('AT', '<', '01/01/2024'), ['1']],
    ['between is inclusive', { t: 'between', field: 'AMOUNT', low: '-20', high: '10' }, ['2', '4', '5']],
    ['NOT IN skips NULL', { t: 'in', field: 'NAME', values: ['Alpha'], negate: true }, ['2', '5']],
    ['IN on numbers compares numerically', { t: 'in', field: 'AMOUNT', values: ['100.00', '-20'], negate: false }, ['1', '4']],
    ['IS NULL covers null and empty', { t: 'null', field: 'NAME', negate: false }, ['3', '4']],
    ['IS NOT NULL on a number', { t: 'null', field: 'AMOUNT', negate: true }, ['1', '2', '4', '5']],
    ['LIKE: % and _ are wildcards, other characters literal', { t: 'like', field: 'NAME', pattern: 'a._*%', negate: false }, ['5']],
    ['NOT LIKE skips NULL', { t: 'like', field: 'NAME', pattern: '%a%', negate: true }, []],
    ['NOT', { t: 'not', item: cmp('AMOUNT', '>', '9') }, ['3', '4']],
    ['and / or', { t: 'or', items: [{ t: 'and', items: [cmp('AMOUNT', '>', '0'), cmp('AMOUNT', '<', '50')] }, cmp('RECORDNO', '=', '1')] }, ['1', '2', '5']],
    ['field names in any case', cmp(' name ', '=', 'beta'), ['2']],
  ] as [string, Condition, string[]][])('%s', (_label, c, expected) => {
    expect(matching(c)).toEqual(expected);
  });

  test('caseInsensitive applies to =, IN, BETWEEN and LIKE on text', () => {
    const ci = { caseInsensitive: true };
    expect(matching(cmp('NAME', '=', 'ALPHA'), plain, ci)).toEqual(['1']);
    expect(matching(cmp('NAME', '=', 'ALPHA'))).toEqual([]);
    expect(matching({ t: 'in', field: 'NAME', values: ['BETA'], negate: false }, plain, ci)).toEqual(['2']);
    expect(matching({ t: 'between', field: 'NAME', low: 'A', high: 'B' }, plain, ci)).toEqual(['1', '5']);
    expect(matching({ t: 'like', field: 'NAME', pattern: 'B%', negate: false }, plain, ci)).toEqual(['2']);
  });

  test('legacyCodes translate readByQuery codes to the stored labels (CUSTOMER STATUS T/F)', () => {
    const customers = buildObject('CUSTOMER', { records: [{ RECORDNO: '1', STATUS: 'active' }, { RECORDNO: '2', STATUS: 'inactive' }, { RECORDNO: '3', STATUS: 'T' }] });
    expect(matching(cmp('STATUS', '=', 'T'), customers, { legacyCodes: true })).toEqual(['1']);
    expect(matching({ t: 'in', field: 'STATUS', values: ['F', 'active'], negate: false }, customers, { legacyCodes: true })).toEqual(['1', '2']);
    // query (no legacy codes) compares as written.
    expect(matching(cmp('STATUS', '=', 'T'), customers)).toEqual(['3']);
  });

  test.each([
    [cmp('AMOUNT', '>', 'abc'), "Invalid value 'abc' for field AMOUNT: expected a number"],
    [cmp('DAY', '<', '2024-01-31'), "Invalid value '2024-01-31' for field DAY: expected a date (MM/DD/YYYY)"],
    [{ t: 'between', field: 'AT', low: '01/01/2024', high: '13/45/2024' }, "Invalid value '13/45/2024' for field AT: expected a timestamp (MM/DD/YYYY HH:MM:SS)"],
    [{ t: 'and', items: [cmp('NAME', '=', 'x'), { t: 'null', field: 'NOPE', negate: false }] }, "Unknown field 'NOPE' for object THING"],
  ] as [Condition, string][])('a bad operand or field fails when compiled: %j', (c, message) => {
    expect(failureOf(() => compileCondition(c, plain))).toEqual([message]);
  });
});

describe('the fast paths agree with the plain path', () => {
  const text = fc.constantFrom(null, '', 'a', 'B', 'ab', 'b_c', '%', 'a%b');
  const number = fc.constantFrom(null, '', '0', '-1.5', '2', '10', '100.25');
  const day = fc.constantFrom(null, '01/01/2024', '12/31/2023', '02/29/2024', '01/15/2024');
  const row = fc.record({ NAME: text, AMOUNT: number, DAY: day });
  const types = { NAME: 'TEXT', AMOUNT: 'DECIMAL', DAY: 'DATE' };
  const op = fc.constantFrom<CompareOp>('=', '<>', '<', '>', '<=', '>=');
  const leaf: fc.Arbitrary<Condition> = fc.oneof(
    fc.record({ t: fc.constant('cmp' as const), field: fc.constant('NAME'), op, value: fc.constantFrom('a', 'B', 'ab', '') }),
    fc.record({ t: fc.constant('cmp' as const), field: fc.constant('AMOUNT'), op, value: fc.constantFrom('0', '2', '-1.5', '50') }),
    fc.record({ t: fc.constant('cmp' as const), field: fc.constant('DAY'), op, value: fc.constantFrom('01/01/2024', '06/30/2023') }),
    fc.record({ t: fc.constant('in' as const), field: fc.constant('AMOUNT'), values: fc.subarray(['0', '2', '10', '7']), negate: fc.boolean() }).filter((c) => c.values.length > 0),
    fc.record({ t: fc.constant('in' as const), field: fc.constant('NAME'), values: fc.subarray(['a', 'B', '%']), negate: fc.boolean() }).filter((c) => c.values.length > 0),
    fc.record({ t: fc.constant('like' as const), field: fc.constant('NAME'), pattern: fc.constantFrom('a%', '%b%', '_', 'b\\_c', '%'), negate: fc.boolean() }),
    fc.record({ t: fc.constant('null' as const), field: fc.constantFrom('NAME', 'AMOUNT', 'DAY'), negate: fc.boolean() }),
    fc.record({ t: fc.constant('between' as const), field: fc.constant('AMOUNT'), low: fc.constantFrom('-2', '0'), high: fc.constantFrom('2', '100') }),
  );
  const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ t: fc.constantFrom('and' as const, 'or' as const), items: fc.array(tie('c'), { minLength: 2, maxLength: 3 }) }),
      fc.record({ t: fc.constant('not' as const), item: tie('c') }),
    ),
  })).c;

  test('a dictionary-backed column selects the same rows as a plain one', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), condition, fc.boolean(), (rows, c, caseInsensitive) => {
        const opts = { caseInsensitive };
        const a = scan(objectOf(types, rows), compileCondition(c, objectOf(types, rows), opts));
        const dict = dictionaryObjectOf(types, rows);
        const b = scan(dict, compileCondition(c, dict, opts));
        expect([...b]).toEqual([...a]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scan and both', () => {
  test('no predicate is every row; a predicate keeps storage order', () => {
    expect([...scan(plain, null)]).toEqual([0, 1, 2, 3, 4]);
    expect([...scan(plain, (r) => r % 2 === 0)]).toEqual([0, 2, 4]);
  });
  test('both: null means no restriction on that side', () => {
    const even = (r: number): boolean => r % 2 === 0;
    const small = (r: number): boolean => r < 3;
    expect(both(null, null)).toBeNull();
    expect(both(even, null)).toBe(even);
    expect(both(null, small)).toBe(small);
    expect([...scan(plain, both(even, small))]).toEqual([0, 2]);
  });
});
