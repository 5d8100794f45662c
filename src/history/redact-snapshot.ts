/**
 * `--redact` for snapshots: customer and vendor names and ids inside the gathered facts (both the
 * interpreted values and the raw data) become the SAME pseudonyms the report shows, so a redacted
 * snapshot re-evaluated offline reproduces the redacted report. Sharing works by handing in the
 * report's pseudonymiser (src/assemble/redact.ts `Redactor`, or anything with `learn`/`redactText`).
 *
 * Identities are found by field (CUSTOMERID, VENDORNAME, NAME on a customer or vendor, the
 * audit-trail OBJECTKEY/OBJECTDESC of a customer or vendor), learned over the whole snapshot
 * first, then replaced: by field where they stand, and as text inside messages. Free-text fields
 * of records (descriptions, memos, …) are masked whole, as in the report. Structural values the
 * checks compare (currencies, states, dates, amounts) are never rewritten, so the redacted facts
 * still lead to the same verdicts.
 */
import { IDENTITY_FIELDS, identityFieldsOf, isFreeTextField, MASKED_TEXT, RECORD_READS, textReplacer, type PseudonymKind } from '../assemble/redact.js';
import type { Snapshot, SnapshotFact } from './snapshot-model.js';

export type { PseudonymKind };

/** What the snapshot needs from the report's redactor (its `Redactor` class fits as is). */
export interface Pseudonymiser {
  /** Registers a sensitive value and returns its pseudonym (stable for the same value). */
  learn(value: string | number, kind: PseudonymKind): string;
  /** Replaces every learned value occurring in free text. */
  redactText(text: string): string;
}

/** A bare mapper is accepted too; free-text replacement is then done here. */
export type PseudonymMapper = (value: string, kind: PseudonymKind) => string;

/** Values this short are only replaced where they are an identity field, not wherever a field equals them. */
const MIN_EXACT_MATCH = 4;

/**
 * A redacted copy of the snapshot (`redacted: true`). Already-redacted snapshots are returned as
 * a copy unchanged. Fact keys are kept: checks find their facts by key, and keys never hold names.
 */
export function redactSnapshot(snapshot: Snapshot, pseudonymise: Pseudonymiser | PseudonymMapper): Snapshot {
  if (snapshot.redacted) return structuredClone(snapshot);
  const p = typeof pseudonymise === 'function' ? new MapperPseudonymiser(pseudonymise) : pseudonymise;
  // Pass 1: learn every identity before rewriting anything, so free text anywhere in the snapshot
  // is matched against all of them, not only those seen earlier.
  const learned = learnSnapshotIdentities(snapshot, p);
  const rewrite = new Rewriter(p, learned);
  const facts: Record<string, SnapshotFact> = {};
  for (const [key, fact] of Object.entries(snapshot.facts)) facts[key] = rewrite.fact(fact);
  return { ...structuredClone(snapshot), facts, redacted: true };
}

/**
 * Teaches `p` every customer and vendor identity in the snapshot's facts (returned as value →
 * pseudonym). With --redact a live run does this for the report too, so a name is masked in any
 * text even when its record is in no sample.
 */
export function learnSnapshotIdentities(snapshot: Pick<Snapshot, 'facts'>, p: Pick<Pseudonymiser, 'learn'>): Map<string, string> {
  const learned = new Map<string, string>();
  for (const fact of Object.values(snapshot.facts)) walkFact(fact, (value, kind) => void learned.set(String(value), p.learn(value, kind)));
  return learned;
}

type Visit = (value: string | number, kind: PseudonymKind) => void;

function walkFact(fact: SnapshotFact, visit: Visit): void {
  // Only record reads hold customers' and vendors' own values; `lookup` and the like describe
  // fields (a Field whose ID is CUSTOMERID is metadata, not a customer).
  if (RECORD_READS.has(fact.request.function)) {
    const object = fact.request.object?.toUpperCase();
    if (fact.ok) walkValue(fact.value, object, visit);
    if (fact.data) walkValue(fact.data.records, object, visit);
  }
  walkFilter(fact.request.sent, visit);
}

function identityFields(record: Record<string, unknown>, object: string | undefined, recordRead = true): Map<string, PseudonymKind> {
  return recordRead ? identityFieldsOf(record, object) : new Map();
}

function walkValue(value: unknown, object: string | undefined, visit: Visit): void {
  if (Array.isArray(value)) {
    for (const item of value) walkValue(item, object, visit);
    return;
  }
  if (!isPlainObject(value)) return;
  const here = typeof value.object === 'string' ? value.object.toUpperCase() : object;
  for (const [field, kind] of identityFields(value, here)) {
    const v = value[field];
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') visit(v, kind);
  }
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) walkValue(child, here, visit);
}

/** A filter on an identity field (`CUSTOMERID = 'C-1'`) carries identities in `value`/`values`. */
function walkFilter(value: unknown, visit: Visit): void {
  if (Array.isArray(value)) {
    for (const item of value) walkFilter(item, visit);
    return;
  }
  if (!isPlainObject(value)) return;
  const kind = typeof value.field === 'string' ? IDENTITY_FIELDS[value.field.toUpperCase()] : undefined;
  if (kind) {
    if (typeof value.value === 'string' && value.value !== '') visit(value.value, kind);
    if (Array.isArray(value.values)) for (const v of value.values) if (typeof v === 'string' && v !== '') visit(v, kind);
  }
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) walkFilter(child, visit);
}

class Rewriter {
  constructor(
    private readonly p: Pseudonymiser,
    /** Original → pseudonym, for exact matches of a whole value outside the identity fields. */
    private readonly learned: Map<string, string>,
  ) {}

  /** Whether the fact being rewritten is a record read (see walkFact). */
  private recordRead = false;

  fact(fact: SnapshotFact): SnapshotFact {
    const object = fact.request.object?.toUpperCase();
    const copy = structuredClone(fact);
    this.recordRead = RECORD_READS.has(fact.request.function);
    if (copy.ok) copy.value = this.value(copy.value, object, undefined);
    else {
      const e = copy.error;
      e.message = this.p.redactText(e.message);
      if (e.description !== undefined) e.description = this.p.redactText(e.description);
      if (e.description2 !== undefined) e.description2 = this.p.redactText(e.description2);
      if (e.correction !== undefined) e.correction = this.p.redactText(e.correction);
    }
    if (copy.data) copy.data.records = this.value(copy.data.records, object, undefined) as typeof copy.data.records;
    this.recordRead = false; // a function as sent holds filters, not records
    if (copy.request.sent) copy.request.sent = this.value(copy.request.sent, undefined, undefined) as typeof copy.request.sent;
    return copy;
  }

  private value(value: unknown, object: string | undefined, field: string | undefined): unknown {
    if (typeof value === 'string') return this.text(value, field);
    if (Array.isArray(value)) return value.map((v) => this.value(v, object, field));
    if (!isPlainObject(value)) return value;
    const here = typeof value.object === 'string' ? value.object.toUpperCase() : object;
    const identities = identityFields(value, here, this.recordRead);
    // A filter on an identity field: its value(s) are identities too.
    const filterKind = typeof value.field === 'string' ? IDENTITY_FIELDS[value.field.toUpperCase()] : undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kind = identities.get(k) ?? (filterKind && (k === 'value' || k === 'values') ? filterKind : undefined);
      if (kind && (typeof v === 'string' || typeof v === 'number') && String(v).trim() !== '') out[k] = this.p.learn(v, kind);
      else if (kind && Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' && x !== '' ? this.p.learn(x, kind) : x));
      else out[k] = this.value(v, here, k);
    }
    return out;
  }

  private text(value: string, field: string | undefined): string {
    // Any whole value that is a known identity, whatever field it sits in (e.g. a name copied
    // into a field we do not know), long enough not to be an ordinary code or flag.
    const exact = value.length >= MIN_EXACT_MATCH ? this.learned.get(value) : undefined;
    if (exact !== undefined) return exact;
    if (field === undefined || !isFreeTextField(field)) return value;
    // A record's description or memo is masked whole (as in the report); other free text (field
    // metadata, gateway messages) keeps its words, with known identities replaced.
    return this.recordRead && value !== '' ? MASKED_TEXT : this.p.redactText(value);
  }
}

/** Free-text replacement for a bare mapper: every learned value, longest first. */
class MapperPseudonymiser implements Pseudonymiser {
  private readonly known = new Map<string, string>();
  private readonly kinds = new Map<string, PseudonymKind>();
  private replace: ((text: string) => string) | undefined;
  constructor(private readonly map: PseudonymMapper) {}

  learn(value: string | number, kind: PseudonymKind): string {
    const original = String(value);
    const known = this.known.get(original);
    if (known !== undefined) return known;
    const pseudonym = this.map(original, kind);
    this.known.set(original, pseudonym);
    this.kinds.set(original, kind);
    this.replace = undefined;
    return pseudonym;
  }

  redactText(text: string): string {
    this.replace ??= textReplacer(this.known, (value) => this.kinds.get(value));
    return this.replace(text);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
