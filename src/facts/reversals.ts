/**
 * Reversed invoices and bills, identified from what Intacct reports rather than assumed. Reversing
 * a posted invoice keeps the original and creates a second record that zeroes it out; which STATE
 * values mark the two is not documented, so they are read at run time from `lookup` (the STATE
 * field's valid values). Failing that, the object's own reversal fields are used when the lookup
 * lists them (named as on journal entries: REVERSEDFROM on the record that reverses another,
 * REVERSEDKEY on the one reversed). Every answer says what it rests on.
 */
import type { Filter } from '../intacct/functions.js';
import type { FactLookup, FactResult } from '../model/check.js';
import { filterKey, type DynamicFilter } from './filters.js';
import { objectLookup, type ObjectDefinition } from './objects.js';

export interface ReversalMarks {
  object: string;
  /** Selects every record except those that zero out a reversed one, when those are identified. */
  notZeroing?: Filter;
  /** The original that was reversed, when identified. */
  reversed?: Filter;
  /** What the identification rests on, in words for evidence. */
  basis: string;
}

const ZEROING_STATE = /^reversal$/i;
const REVERSED_STATE = /^reversed$/i;
const ZEROING_FIELD = 'REVERSEDFROM';
const REVERSED_FIELD = 'REVERSEDKEY';

/** What the object's definition says about reversals. */
export function reversalMarks(object: string, definition: FactResult<ObjectDefinition> | undefined): ReversalMarks {
  const name = object.toUpperCase();
  if (!definition || !definition.ok) {
    const why = definition && !definition.ok ? definition.error.message : 'not read';
    return { object: name, basis: `the ${name} field definitions could not be read (lookup ${name}: ${why})` };
  }
  const fields = definition.value.fields;
  const state = fields.find((f) => f.id.toUpperCase() === 'STATE');
  const values = state?.validValues ?? [];
  const zeroingState = values.find((v) => ZEROING_STATE.test(v));
  const reversedState = values.find((v) => REVERSED_STATE.test(v));
  const has = (id: string) => fields.some((f) => f.id.toUpperCase() === id);
  const listed = values.length ? `lookup ${name} lists STATE values ${values.join(', ')}` : `lookup ${name} lists no STATE values`;
  const marks: ReversalMarks = { object: name, basis: '' };
  const parts: string[] = [];
  if (zeroingState) {
    marks.notZeroing = { op: 'notequalto', field: 'STATE', value: zeroingState };
    parts.push(`the record that zeroes out a reversal has STATE "${zeroingState}"`);
  } else if (has(ZEROING_FIELD)) {
    marks.notZeroing = { op: 'isnull', field: ZEROING_FIELD };
    parts.push(`the record that zeroes out a reversal has ${ZEROING_FIELD} set`);
  }
  if (reversedState) {
    marks.reversed = { op: 'equalto', field: 'STATE', value: reversedState };
    parts.push(`a reversed original has STATE "${reversedState}"`);
  } else if (has(REVERSED_FIELD)) {
    marks.reversed = { op: 'isnotnull', field: REVERSED_FIELD };
    parts.push(`a reversed original has ${REVERSED_FIELD} set`);
  }
  marks.basis = parts.length ? `${listed}: ${parts.join('; ')}` : `${listed}, and no reversal field (${ZEROING_FIELD}, ${REVERSED_FIELD})`;
  return marks;
}

/**
 * `condition`, leaving out the records that zero out reversed ones when the definition identifies
 * them; exactly `condition` when it does not (the check then says so).
 */
export function excludingReversals(object: string, condition: Filter): DynamicFilter {
  const lookup = objectLookup(object);
  return {
    dynamic: `excludingReversals(${object.toUpperCase()},${filterKey(condition)})`,
    dependsOn: [lookup],
    resolve: (_ctx, facts: FactLookup) => {
      const notZeroing = reversalMarks(object, facts(lookup.key) as FactResult<ObjectDefinition> | undefined).notZeroing;
      return notZeroing ? { and: [condition, notZeroing] } : condition;
    },
  };
}

/** The originals that were reversed; a not-gathered error when the definition does not identify them. */
export function reversedOriginals(object: string): DynamicFilter {
  const lookup = objectLookup(object);
  return {
    dynamic: `reversedOriginals(${object.toUpperCase()})`,
    dependsOn: [lookup],
    resolve: (_ctx, facts: FactLookup) => {
      const marks = reversalMarks(object, facts(lookup.key) as FactResult<ObjectDefinition> | undefined);
      return marks.reversed ?? { kind: 'unknown-object', message: `reversed ${marks.object} records cannot be identified: ${marks.basis}` };
    },
  };
}
