/**
 * What a check's `evaluate` returned, made into an outcome the result can hold, or the one-line
 * reason it cannot be. Every outcome goes through here (built-in and user checks alike) before it
 * enters the result, so a report always validates against schemas/report.schema.json: values JSON
 * cannot hold are a problem at their path; a sample holds records of text, numbers and null (a
 * boolean becomes its text; anything nested is a problem); members the schema does not know are
 * left out. The outcome returned shares nothing with what the check returned or read.
 */
import { NotPlainJsonError, toPlainJson } from '../util/plain-json.js';
import { errorLine } from '../util/errors.js';
import { CHECK_STATUSES, type Affected, type CheckOutcome, type Evidence, type SampleRecord } from '../model/check.js';

export type NormalisedOutcome = { outcome: CheckOutcome } | { problem: string };

class OutcomeProblem extends Error {}

const fail = (message: string): never => {
  throw new OutcomeProblem(message);
};

export function normaliseOutcome(raw: unknown): NormalisedOutcome {
  if (isThenable(raw)) return { problem: 'returned a Promise: evaluate must be synchronous and pure' };
  let plain: unknown;
  try {
    plain = toPlainJson(raw);
  } catch (e) {
    if (e instanceof NotPlainJsonError) return { problem: `returned an invalid outcome: ${e.message}` };
    throw e;
  }
  try {
    return { outcome: outcomeOf(plain) };
  } catch (e) {
    if (e instanceof OutcomeProblem) return { problem: `returned an invalid outcome: ${e.message}` };
    throw e;
  }
}

function isThenable(x: unknown): boolean {
  try {
    return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { then?: unknown }).then === 'function';
  } catch {
    return false; // a getter that throws: toPlainJson names it
  }
}

type Plain = Record<string, unknown>;

const isRecord = (x: unknown): x is Plain => typeof x === 'object' && x !== null && !Array.isArray(x);

function outcomeOf(o: unknown): CheckOutcome {
  if (!isRecord(o)) return fail(`expected an object, got ${o === null ? 'null' : Array.isArray(o) ? 'an array' : typeof o}`);
  if (!CHECK_STATUSES.includes(o.status as CheckOutcome['status'])) {
    return fail(`status ${JSON.stringify(o.status) ?? 'undefined'} is not one of ${CHECK_STATUSES.join(', ')}`);
  }
  if (typeof o.summary !== 'string' || o.summary.trim() === '') return fail('summary must be a non-empty string');
  const outcome: CheckOutcome = { status: o.status as CheckOutcome['status'], summary: errorLine(o.summary), evidence: evidenceOf(o.evidence) };
  if (o.affected !== undefined) outcome.affected = affectedOf(o.affected);
  return outcome;
}

const EVIDENCE_TEXT = ['object', 'application', 'field', 'preference', 'note'] as const;

function evidenceOf(list: unknown): Evidence[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return fail('evidence must be an array');
  return list.map((ev, i) => {
    if (!isRecord(ev) || typeof ev.source !== 'string') return fail(`evidence[${i}] must be an object with a string "source"`);
    const observed = ev.observed;
    if (observed !== null && !['string', 'number', 'boolean'].includes(typeof observed)) {
      return fail(`evidence[${i}].observed must be a string, number, boolean or null`);
    }
    const out: Evidence = { source: ev.source, observed: observed as Evidence['observed'] };
    for (const key of EVIDENCE_TEXT) {
      if (ev[key] === undefined) continue;
      if (typeof ev[key] !== 'string') return fail(`evidence[${i}].${key} must be a string`);
      out[key] = ev[key] as string;
    }
    if (ev.verified !== undefined) {
      if (typeof ev.verified !== 'boolean') return fail(`evidence[${i}].verified must be true or false`);
      out.verified = ev.verified;
    }
    return out;
  });
}

function affectedOf(a: unknown): Affected {
  if (!isRecord(a)) return fail('affected must be an object');
  if (typeof a.count !== 'number' || !Number.isInteger(a.count) || a.count < 0) return fail('affected.count must be a non-negative integer');
  if (!Array.isArray(a.sample)) return fail('affected.sample must be an array');
  if (!Array.isArray(a.columns) || a.columns.some((c) => typeof c !== 'string')) return fail('affected.columns must be an array of field names');
  const out: Affected = { count: a.count, sample: a.sample.map(sampleRecord), columns: a.columns as string[] };
  for (const key of ['object', 'keyField', 'objectField'] as const) {
    if (a[key] === undefined) continue;
    if (typeof a[key] !== 'string') return fail(`affected.${key} must be a string`);
    out[key] = a[key] as string;
  }
  return out;
}

/** A sample record as a report shows it: field → text, number or null. */
function sampleRecord(rec: unknown, i: number): SampleRecord {
  if (!isRecord(rec)) {
    return fail(`affected.sample[${i}] must be a record (an object of field names to text, numbers or null), got ${rec === null ? 'null' : Array.isArray(rec) ? 'an array' : typeof rec}`);
  }
  const out: SampleRecord = {};
  for (const [field, value] of Object.entries(rec)) {
    let kept: SampleRecord[string];
    if (value === null || typeof value === 'string' || typeof value === 'number') kept = value;
    else if (typeof value === 'boolean') kept = String(value);
    else return fail(`affected.sample[${i}].${field} is a nested value: a sample record holds text, numbers or null`);
    Object.defineProperty(out, field, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
