/**
 * The `query` function's XML language parsed directly: `<select>`, `<filter>` and `<orderby>`
 * into the engine's terms, with the documented structure errors.
 */
import { parseFilter, parseOrderBy, parseSelect } from '../../../src/sandbox/query/query-xml.js';
import { child, parseXml, type XNode } from '../../../src/sandbox/xml.js';
import { failureOf, objectOf } from './objects.js';

const obj = objectOf({ RECORDNO: 'INTEGER', NAME: 'TEXT', TOTALDUE: 'DECIMAL' }, []);
const element = (xml: string): XNode => {
  const doc = parseXml(xml);
  return child(doc, Object.keys(doc)[0]!)!;
};

describe('parseSelect', () => {
  test('fields and aggregates in request order, field names resolved to their ids', () => {
    expect(parseSelect(obj, element('<select><field>name</field><count>RECORDNO</count><field> TOTALDUE </field><sum>totaldue</sum></select>'))).toEqual({
      fields: ['NAME', 'TOTALDUE'],
      aggregates: [
        { fn: 'count', field: 'RECORDNO' },
        { fn: 'sum', field: 'TOTALDUE' },
      ],
    });
  });

  test.each([
    ['<select><field>NOPE</field></select>', "Unknown field 'NOPE' for object THING"],
    ['<select><distinct>NAME</distinct></select>', 'Invalid select: unknown element <distinct>'],
    ['<select/>', 'query: <select> needs at least one <field> (selecting all fields is not supported)'],
  ])('%s fails', (xml, message) => {
    expect(failureOf(() => parseSelect(obj, element(xml)))).toEqual([message]);
  });

  test('no select element is an empty select', () => {
    expect(failureOf(() => parseSelect(obj, undefined))).toEqual(['query: <select> needs at least one <field> (selecting all fields is not supported)']);
  });
});

describe('parseFilter', () => {
  test('no filter means every row', () => {
    expect(parseFilter(undefined)).toBeNull();
  });

  test('every operator, nested in and/or', () => {
    const xml = `<filter><or>
      <and><equalto><field>A</field><value>1</value></equalto><notequalto><field>B</field><value>2</value></notequalto></and>
      <lessthan><field>C</field><value>3</value></lessthan><lessthanorequalto><field>C</field><value>4</value></lessthanorequalto>
      <greaterthan><field>C</field><value>5</value></greaterthan><greaterthanorequalto><field>C</field><value>6</value></greaterthanorequalto>
      <between><field>D</field><value>1</value><value>9</value></between>
      <in><field>E</field><value>x</value><value>y</value></in><notin><field>E</field><value>z</value></notin>
      <like><field>F</field><value>a%</value></like><notlike><field>F</field><value>%b</value></notlike>
      <isnull><field>G</field></isnull><isnotnull><field>H</field></isnotnull>
    </or></filter>`;
    expect(parseFilter(element(xml))).toEqual({
      t: 'or',
      items: [
        { t: 'and', items: [{ t: 'cmp', field: 'A', op: '=', value: '1' }, { t: 'cmp', field: 'B', op: '<>', value: '2' }] },
        { t: 'cmp', field: 'C', op: '<', value: '3' },
        { t: 'cmp', field: 'C', op: '<=', value: '4' },
        { t: 'cmp', field: 'C', op: '>', value: '5' },
        { t: 'cmp', field: 'C', op: '>=', value: '6' },
        { t: 'between', field: 'D', low: '1', high: '9' },
        { t: 'in', field: 'E', values: ['x', 'y'], negate: false },
        { t: 'in', field: 'E', values: ['z'], negate: true },
        { t: 'like', field: 'F', pattern: 'a%', negate: false },
        { t: 'like', field: 'F', pattern: '%b', negate: true },
        { t: 'null', field: 'G', negate: false },
        { t: 'null', field: 'H', negate: true },
      ],
    });
  });

  test('an empty <value/> is the empty string', () => {
    expect(parseFilter(element('<filter><equalto><field>A</field><value/></equalto></filter>'))).toEqual({ t: 'cmp', field: 'A', op: '=', value: '' });
  });

  test.each([
    ['<filter/>', 'Invalid filter: exactly one top-level operator is allowed, found 0'],
    ['<filter><isnull><field>A</field></isnull><isnull><field>B</field></isnull></filter>', 'Invalid filter: exactly one top-level operator is allowed, found 2'],
    ['<filter><contains><field>A</field></contains></filter>', 'Invalid filter: unknown operator <contains>'],
    ['<filter><and><isnull><field>A</field></isnull></and></filter>', 'Invalid filter: <and> needs at least two conditions'],
    ['<filter><or><and><isnull><field>A</field></isnull><bogus/></and><isnull><field>A</field></isnull></or></filter>', 'Invalid filter: unknown operator <bogus>'],
    ['<filter><equalto><value>1</value></equalto></filter>', 'Invalid filter: <equalto> needs a <field>'],
    ['<filter><equalto><field>A</field></equalto></filter>', 'Invalid filter: <equalto> on A needs exactly one <value>'],
    ['<filter><like><field>A</field><value>a</value><value>b</value></like></filter>', 'Invalid filter: <like> on A needs exactly one <value>'],
    ['<filter><between><field>A</field><value>1</value></between></filter>', 'Invalid filter: <between> on A needs exactly two <value>s'],
    ['<filter><in><field>A</field></in></filter>', 'Invalid filter: <in> on A needs 1 to 1000 <value>s'],
    [`<filter><notin><field>A</field>${'<value>v</value>'.repeat(1001)}</notin></filter>`, 'Invalid filter: <notin> on A needs 1 to 1000 <value>s'],
  ])('%s fails', (xml, message) => {
    expect(failureOf(() => parseFilter(element(xml)))).toEqual([message]);
  });
});

describe('parseOrderBy', () => {
  test('columns in order, descending only when <descending/> is there', () => {
    const orders = parseOrderBy(obj, element('<orderby><order><field>totaldue</field><descending/></order><order><field>NAME</field><ascending/></order></orderby>'));
    expect(orders.map((o) => [o.col.def.ID, o.descending])).toEqual([
      ['TOTALDUE', true],
      ['NAME', false],
    ]);
    expect(parseOrderBy(obj, undefined)).toEqual([]);
  });

  test.each([
    ['<orderby><order><descending/></order></orderby>', 'Invalid orderby: <order> needs a <field>'],
    ['<orderby><order><field>NOPE</field></order></orderby>', "Unknown field 'NOPE' for object THING"],
  ])('%s fails', (xml, message) => {
    expect(failureOf(() => parseOrderBy(obj, element(xml)))).toEqual([message]);
  });
});
