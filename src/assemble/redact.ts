/**
 * `--redact`: customer and vendor names and ids are replaced by pseudonyms ("Customer-3f9a2c") for
 * reports that leave the company. A pseudonym is an HMAC-SHA256 of the value under a random key
 * made for this report and then forgotten, so the same customer reads the same everywhere in one
 * report, but nobody — us included — can map it back or match it across two reports.
 *
 * Sensitive values are learned from the fields that hold them (samples, evidence, and with a live
 * run every record read), then every occurrence of them is replaced in the text of the result
 * (summaries, notes, waiver keys), because check summaries often quote a name: as whole words, in
 * any letter case, and names also without their legal suffix ("Bayside Espresso" for "Bayside
 * Espresso Pty Ltd"). Free-text fields of records (descriptions, memos, notes, …) are masked
 * whole: people write anything there, including names no field of the record holds.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Evidence, SampleRecord } from '../model/check.js';
import type { AuditResult, CheckResult, SinceLastAudit } from '../model/result.js';

export type PseudonymKind = 'customer-id' | 'customer-name' | 'vendor-id' | 'vendor-name';

const PREFIX: Record<PseudonymKind, string> = {
  'customer-id': 'CUST-',
  'customer-name': 'Customer-',
  'vendor-id': 'VEND-',
  'vendor-name': 'Vendor-',
};

/** Fields that always hold a customer's or vendor's id or name, whatever the object. */
export const IDENTITY_FIELDS: Readonly<Record<string, PseudonymKind>> = {
  CUSTOMERID: 'customer-id',
  CUSTOMERNAME: 'customer-name',
  VENDORID: 'vendor-id',
  VENDORNAME: 'vendor-name',
};

/**
 * Record fields holding text people type (descriptions, memos, notes, comments, messages, a
 * journal entry's title): masked whole under --redact. No check decides anything on them, so
 * masking changes no verdict.
 */
const FREE_TEXT_FIELD = /(DESC|DESCRIPTION\d*|MEMO|NOTES?|MESSAGE|CORRECTION|COMMENTS?|REMARKS?|NARRATIVE|NARRATION|BATCH_TITLE)$/i;

/** What a masked free-text value reads in a redacted report or snapshot. */
export const MASKED_TEXT = '[redacted text]';

export function isFreeTextField(field: string): boolean {
  return FREE_TEXT_FIELD.test(field);
}

/** Functions whose evidence observes record values (as opposed to metadata or settings). */
export const RECORD_READS: ReadonlySet<string> = new Set(['query', 'readByQuery', 'read', 'readMore', 'get_list']);

export class Redactor {
  readonly #key: Buffer = randomBytes(32);
  readonly #pseudonyms = new Map<string, string>();
  readonly #kinds = new Map<string, PseudonymKind>();
  readonly #used = new Set<string>();
  #replace: ((text: string) => string) | undefined;

  /** Registers a sensitive value and returns its pseudonym (the first kind seen for a value wins). */
  learn(value: string | number, kind: PseudonymKind): string {
    const original = String(value);
    const known = this.#pseudonyms.get(original);
    if (known !== undefined) return known;
    if (original.trim() === '') return original;
    const digest = createHmac('sha256', this.#key).update(original, 'utf8').digest('hex');
    // 6 hex digits read well; lengthen only in the unlikely case two values collide
    let length = 6;
    let pseudonym = PREFIX[kind] + digest.slice(0, length);
    while (this.#used.has(pseudonym) && length < digest.length) pseudonym = PREFIX[kind] + digest.slice(0, ++length);
    this.#pseudonyms.set(original, pseudonym);
    this.#kinds.set(original, kind);
    this.#used.add(pseudonym);
    const trimmed = original.trim();
    if (trimmed !== original && !this.#pseudonyms.has(trimmed)) this.#pseudonyms.set(trimmed, pseudonym);
    this.#replace = undefined;
    return pseudonym;
  }

  /**
   * Learns every identity in the result: sample fields, evidence values, and record keys (waivers,
   * and "since last audit", whose disappeared records are in no current sample).
   */
  learnFromResult(result: AuditResult): void {
    for (const check of result.checks) {
      const affected = check.affected;
      for (const record of affected?.sample ?? []) this.learnRecord(record, recordObject(record, affected!));
      for (const item of check.evidence) this.#learnEvidence(item);
      for (const key of check.waiver?.records ?? []) this.#learnRecordKey(key);
    }
    for (const item of result.sinceLastAudit?.items ?? []) {
      for (const key of [...item.recordsAdded, ...item.recordsRemoved]) this.#learnRecordKey(key);
    }
  }

  /** Replaces every learned value in a string (see `textReplacer`). */
  redactText(text: string): string {
    if (this.#pseudonyms.size === 0 || text === '') return text;
    this.#replace ??= textReplacer(this.#pseudonyms, (value) => this.#kinds.get(value));
    return this.#replace(text);
  }

  /** A copy of the result with identities replaced and `redacted: true`. */
  redactResult(result: AuditResult): AuditResult {
    this.learnFromResult(result);
    const text = (s: string) => this.redactText(s);
    return {
      ...structuredClone(result),
      verdictReason: text(result.verdictReason),
      checks: result.checks.map((check) => this.#redactCheck(check)),
      notRun: result.notRun.map((n) => ({ ...n, reason: text(n.reason) })),
      // waiver warnings quote record keys ("not in its scope (CUSTOMER:C-10482)")
      ...(result.warnings ? { warnings: result.warnings.map(text) } : {}),
      ...(result.sinceLastAudit ? { sinceLastAudit: this.redactSinceLastAudit(result.sinceLastAudit) } : {}),
      redacted: true,
    };
  }

  /** The "since last audit" block with every learned identity replaced (record keys, lines, notes). */
  redactSinceLastAudit(since: SinceLastAudit): SinceLastAudit {
    const text = (s: string) => this.redactText(s);
    return {
      ...structuredClone(since),
      headline: text(since.headline),
      items: since.items.map((item) => ({
        ...structuredClone(item),
        title: text(item.title),
        line: text(item.line),
        recordsAdded: item.recordsAdded.map(text),
        recordsRemoved: item.recordsRemoved.map(text),
        ...(item.recordsNote !== undefined ? { recordsNote: text(item.recordsNote) } : {}),
      })),
      notes: since.notes.map(text),
    };
  }

  #redactCheck(check: CheckResult): CheckResult {
    const text = (s: string) => this.redactText(s);
    const copy = structuredClone(check);
    copy.summary = text(check.summary);
    copy.evidence = check.evidence.map((e) => this.#redactEvidence(e));
    if (copy.affected && check.affected) {
      const affected = check.affected;
      copy.affected.sample = affected.sample.map((record) => this.redactRecord(record, recordObject(record, affected)));
    }
    if (copy.waiver && check.waiver) {
      copy.waiver.reason = text(check.waiver.reason);
      if (check.waiver.records) copy.waiver.records = check.waiver.records.map(text);
    }
    if (copy.attestation?.note) copy.attestation.note = text(copy.attestation.note);
    return copy;
  }

  #redactEvidence(item: Evidence): Evidence {
    const copy = { ...item };
    if (typeof item.observed === 'string' && item.observed !== '' && item.field !== undefined && isFreeTextField(item.field)) copy.observed = MASKED_TEXT;
    else if (typeof item.observed === 'string') copy.observed = this.redactText(item.observed);
    else if (typeof item.observed === 'number' && this.#evidenceKind(item)) copy.observed = this.learn(item.observed, this.#evidenceKind(item)!);
    if (item.note !== undefined) copy.note = this.redactText(item.note);
    return copy;
  }

  /**
   * One record (a sample row, or a worklist row) with its identities replaced: identity fields by
   * their pseudonyms (learned on the way), other text by every value learned so far. `object` is
   * the record's object (CUSTOMER, ARINVOICE, …), which says whose identity its fields hold.
   */
  redactRecord(record: SampleRecord, object: string | undefined): SampleRecord {
    const kinds = identityFieldsOf(record, object);
    const out: SampleRecord = {};
    for (const [field, value] of Object.entries(record)) {
      const kind = kinds.get(field);
      if (value === null || value === '') out[field] = value;
      else if (kind) out[field] = this.learn(value, kind);
      else if (typeof value === 'string' && isFreeTextField(field)) out[field] = MASKED_TEXT;
      else out[field] = typeof value === 'string' ? this.redactText(value) : value;
    }
    return out;
  }

  /** Learns the identities one record holds, without redacting it (see redactRecord). */
  learnRecord(record: SampleRecord, object: string | undefined): void {
    for (const [field, kind] of identityFieldsOf(record, object)) {
      const value = record[field];
      if (value !== null && value !== undefined && value !== '') this.learn(value, kind);
    }
  }

  #learnEvidence(item: Evidence): void {
    const kind = this.#evidenceKind(item);
    if (kind && (typeof item.observed === 'string' || typeof item.observed === 'number')) this.learn(item.observed, kind);
  }

  #evidenceKind(item: Evidence): PseudonymKind | undefined {
    const field = item.field?.toUpperCase();
    // Only record reads observe a customer's or vendor's own values; `lookup` and the like
    // observe field metadata (e.g. "required"), which is no identity.
    if (!field || !RECORD_READS.has(item.source)) return undefined;
    return fieldKind(field, item.object?.toUpperCase(), undefined);
  }

  /** Waiver keys look like `CUSTOMER:C-10482`; the id part of a customer or vendor key is an identity. */
  #learnRecordKey(key: string): void {
    const at = key.indexOf(':');
    if (at < 0) return;
    const object = key.slice(0, at).toUpperCase();
    const id = key.slice(at + 1);
    if (object === 'CUSTOMER' && id) this.learn(id, 'customer-id');
    if (object === 'VENDOR' && id) this.learn(id, 'vendor-id');
  }

  /** The key never leaves the object: not in JSON, not in inspection output. */
  toJSON(): Record<string, never> {
    return {};
  }
}

/** Legal-entity endings a name is also written without in free text ("Bayside Espresso" for "… Pty Ltd"). */
const LEGAL_SUFFIX = /[\s,]+(pty\.?\s*(ltd\.?|limited)|pte\.?\s*ltd\.?|pvt\.?\s*ltd\.?|ltd\.?|limited|inc\.?|incorporated|llc|plc|gmbh|corp\.?|corporation|co\.?|company|ag|s\.?a\.?|b\.?v\.?|n\.?v\.?)$/i;

/**
 * A function replacing the known values (value → pseudonym) in free text in one pass: as whole
 * words (a customer id "7" leaves "17 customers" alone), in any letter case, longest first, and
 * names (`kindOf` says which values are) also in their short form without a legal suffix.
 * Shared by report and snapshot redaction, so both replace the same way.
 */
export function textReplacer(values: ReadonlyMap<string, string>, kindOf: (value: string) => PseudonymKind | undefined): (text: string) => string {
  const lookup = new Map<string, string>();
  for (const [value, pseudonym] of values) if (value.trim() !== '' && !lookup.has(value.toLowerCase())) lookup.set(value.toLowerCase(), pseudonym);
  for (const [value, pseudonym] of values) {
    if (!kindOf(value)?.endsWith('-name')) continue;
    const short = value.trim().replace(LEGAL_SUFFIX, '').trim();
    // A short form must still be distinctive: two words, or one long one.
    if (short !== value.trim() && (/\s/.test(short) || short.length >= 8) && !lookup.has(short.toLowerCase())) lookup.set(short.toLowerCase(), pseudonym);
  }
  if (lookup.size === 0) return (text) => text;
  // Where a word starts, the longest known value there, looked up by its length: one pass over the
  // text whatever the number of values (a worklist's redactor knows every customer and vendor).
  const lengths = new Map<string, number[]>();
  for (const key of lookup.keys()) {
    const list = lengths.get(key[0]!) ?? [];
    if (!list.includes(key.length)) list.push(key.length);
    lengths.set(key[0]!, list);
  }
  for (const list of lengths.values()) list.sort((a, b) => b - a);
  return (text) => {
    let out = '';
    let last = 0;
    let i = 0;
    while (i < text.length) {
      let next = i + codeUnits(text, i);
      // A value is replaced only where a word starts and ends (a customer id "7" leaves "17" alone).
      if (i === 0 || !isWordChar(text, i - codeUnitsBefore(text, i))) {
        for (const length of lengths.get(text[i]!.toLowerCase()[0]!) ?? []) {
          const end = i + length;
          if (end > text.length || (end < text.length && isWordChar(text, end))) continue;
          const pseudonym = lookup.get(text.slice(i, end).toLowerCase());
          if (pseudonym === undefined) continue;
          out += text.slice(last, i) + pseudonym;
          last = end;
          next = end;
          break;
        }
      }
      i = next;
    }
    return last === 0 && out === '' ? text : out + text.slice(last);
  };
}

const WORD_CHAR = /^[\p{L}\p{N}]/u;

/** The code point at `i` is a letter or a number. */
function isWordChar(text: string, i: number): boolean {
  return WORD_CHAR.test(text.slice(i, i + 2));
}

/** Code units of the code point at `i` (2 for a surrogate pair). */
function codeUnits(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/** Code units of the code point that ends just before `i`. */
function codeUnitsBefore(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? 2 : 1;
}

/**
 * Every field name `fieldKind` / `identityFieldsOf` may pseudonymise (depending on the object),
 * for code that must know which values a redacted report cannot be matched on. Keep in step.
 */
export const PSEUDONYMISABLE_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(IDENTITY_FIELDS),
  'NAME',
  'ID',
  'CONTACTID',
  'CONTACTNAME',
  'OBJECTKEY',
  'OBJECTDESC',
]);

function fieldKind(field: string, object: string | undefined, record: Record<string, unknown> | undefined): PseudonymKind | undefined {
  const direct = IDENTITY_FIELDS[field];
  if (direct) return direct;
  const party = partyOf(object);
  // A customer's or vendor's own record: its id and name columns.
  if ((field === 'NAME' || field === 'ID') && (object === 'CUSTOMER' || object === 'VENDOR')) return `${party!}-${field === 'ID' ? 'id' : 'name'}`;
  // A transaction row names its customer (AR objects) or vendor (AP objects) in CONTACTID/CONTACTNAME.
  if ((field === 'CONTACTID' || field === 'CONTACTNAME') && party) return `${party}-${field === 'CONTACTID' ? 'id' : 'name'}`;
  if (field === 'NAME' && record) {
    // a mixed customer/vendor sample without an object column: the record's own id field tells which
    const has = (name: string) => Object.keys(record).some((k) => k.toUpperCase() === name);
    if (has('VENDORID') && !has('CUSTOMERID')) return 'vendor-name';
    if (has('CUSTOMERID') && !has('VENDORID')) return 'customer-name';
  }
  return undefined;
}

/** Whose identity an object's records carry: customers for CUSTOMER and AR objects, vendors for VENDOR and AP objects. */
function partyOf(object: string | undefined): 'customer' | 'vendor' | undefined {
  if (!object) return undefined;
  if (object === 'CUSTOMER' || object.startsWith('AR')) return 'customer';
  if (object === 'VENDOR' || object.startsWith('AP')) return 'vendor';
  return undefined;
}

/** The object a sample record belongs to: the sample's object, or the record's own object column when samples mix objects. */
function recordObject(record: SampleRecord, affected: { object?: string; objectField?: string }): string | undefined {
  const own = affected.objectField ? record[affected.objectField] : undefined;
  const object = typeof own === 'string' && own !== '' ? own : affected.object;
  return object?.toUpperCase();
}

/**
 * The fields of one record (a report sample row or a raw record read from Intacct) that hold a
 * customer's or vendor's identity. Field names match case-insensitively. Shared by report and
 * snapshot redaction so both pseudonymise the same values.
 */
export function identityFieldsOf(record: Record<string, unknown>, object: string | undefined): Map<string, PseudonymKind> {
  const kinds = new Map<string, PseudonymKind>();
  for (const field of Object.keys(record)) {
    const kind = fieldKind(field.toUpperCase(), object?.toUpperCase(), record);
    if (kind) kinds.set(field, kind);
  }
  // audit-trail rows name the record they are about in OBJECTKEY / OBJECTDESC
  const typeField = Object.keys(record).find((k) => k.toUpperCase() === 'OBJECTTYPE');
  const type = typeField ? String(record[typeField] ?? '').toLowerCase() : '';
  const party = type === 'customer' || type === 'vendor' ? type : partyOf(type.toUpperCase());
  for (const field of Object.keys(record)) {
    const name = field.toUpperCase();
    if (name === 'OBJECTKEY' && (type === 'customer' || type === 'vendor')) kinds.set(field, `${type}-id`);
    // a contact's description is its name; a transaction's embeds its customer's or vendor's name
    if (name === 'OBJECTDESC' && party) kinds.set(field, `${party}-name`);
  }
  return kinds;
}

/** Redacts a result with a fresh key (pseudonyms differ from every other report). Idempotent. */
export function redactResult(result: AuditResult): AuditResult {
  if (result.redacted) return structuredClone(result);
  return new Redactor().redactResult(result);
}
