/**
 * readByQuery query strings parsed into conditions, directly (the HTTP tests in ../query.test.ts
 * check what the rows then are): precedence, negation, lists, quoting, and errors that point at
 * the place to fix.
 */
import { parseQueryString, QueryStringError } from '../../../src/sandbox/query/query-string.js';

describe('parseQueryString', () => {
  test('nothing (or only spaces) is no condition', () => {
    expect(parseQueryString('')).toBeNull();
    expect(parseQueryString('   ')).toBeNull();
  });

  test('comparisons: != is <>, numbers may be unquoted, field names keep their case', () => {
    expect(parseQueryString("customerid != 'C1'")).toEqual({ t: 'cmp', field: 'customerid', op: '<>', value: 'C1' });
    expect(parseQueryString('TOTALDUE >= -12.5')).toEqual({ t: 'cmp', field: 'TOTALDUE', op: '>=', value: '-12.5' });
    expect(parseQueryString("A<='x'")).toEqual({ t: 'cmp', field: 'A', op: '<=', value: 'x' });
  });

  test('AND binds tighter than OR; parentheses and NOT group', () => {
    const a = { t: 'cmp', field: 'A', op: '=', value: '1' };
    const b = { t: 'cmp', field: 'B', op: '=', value: '2' };
    const c = { t: 'cmp', field: 'C', op: '=', value: '3' };
    expect(parseQueryString('A = 1 OR B = 2 AND C = 3')).toEqual({ t: 'or', items: [a, { t: 'and', items: [b, c] }] });
    expect(parseQueryString('(A = 1 OR B = 2) and C = 3')).toEqual({ t: 'and', items: [{ t: 'or', items: [a, b] }, c] });
    expect(parseQueryString('NOT A = 1 AND NOT (B = 2)')).toEqual({ t: 'and', items: [{ t: 'not', item: a }, { t: 'not', item: b }] });
    expect(parseQueryString('A = 1 AND B = 2 AND C = 3')).toEqual({ t: 'and', items: [a, b, c] });
  });

  test('LIKE, IN and IS NULL, each with NOT', () => {
    expect(parseQueryString("NAME NOT LIKE 'a%'")).toEqual({ t: 'like', field: 'NAME', pattern: 'a%', negate: true });
    expect(parseQueryString("ID in ('a', 'b', 3)")).toEqual({ t: 'in', field: 'ID', values: ['a', 'b', '3'], negate: false });
    expect(parseQueryString("ID NOT IN ('a')")).toEqual({ t: 'in', field: 'ID', values: ['a'], negate: true });
    expect(parseQueryString('X is not null')).toEqual({ t: 'null', field: 'X', negate: true });
    expect(parseQueryString('X IS NULL')).toEqual({ t: 'null', field: 'X', negate: false });
  });

  test('a backslash escapes a quote or a backslash inside a string', () => {
    expect(parseQueryString("NAME = 'O\\'Brien \\\\ Co'")).toEqual({ t: 'cmp', field: 'NAME', op: '=', value: "O'Brien \\ Co" });
  });

  test.each([
    ["NAME = 'abc", /unterminated string starting at position 8/],
    ['NAME = 1 ; DROP', /unexpected character ';' at position 10/],
    ['NAME = 1 AND', /expected a field name at the end of the query/],
    ["NAME 'x'", /expected an operator after NAME at position 6/],
    ['AND = 1', /expected a field name at position 1/],
    ['NAME =', /expected a quoted value or a number at the end of the query/],
    ["ID IN ('a' 'b')", /expected '\)' at position 12/],
    ['X IS 1', /expected NULL at position 6/],
    ['(A = 1', /expected '\)' at the end of the query/],
    ['A = 1 B = 2', /unexpected 'B = 2' at position 7/],
  ])('%s fails: %s', (src, message) => {
    expect(() => parseQueryString(src)).toThrow(QueryStringError);
    expect(() => parseQueryString(src)).toThrow(message);
  });
});
