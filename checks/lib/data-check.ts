/**
 * The common shape of a data check: one sampled query per object, pass when nothing matches,
 * fail with the total count and the most recent records when something does, and never a verdict
 * when a read failed.
 */
import type { RecordSample } from '../../src/facts/index.js';
import type { CheckOutcome, Evidence, FactResult, SampleRecord } from '../../src/model/check.js';
import { failedRead, sampleEvidence, type FailedFact } from './outcome.js';
import { combineSamples } from './samples.js';

export interface DataPart {
  fact: FactResult<RecordSample>;
  /** Plural words for the records, e.g. "AR invoices". */
  what: string;
  /** Singular, e.g. "AR invoice" (default: `what` without a final s). */
  one?: string;
  row: (rec: SampleRecord) => SampleRecord;
  dateColumn?: string;
}

export interface DataCheckWording {
  columns: string[];
  keyField: string;
  /** Set when records are of different objects: the column naming each record's object. */
  objectField?: string;
  /** Summary when records match, e.g. `${n} AR invoices and AP bills have a negative total`. */
  found(count: number, breakdown: string): string;
  /** Summary when nothing matches. */
  clean: string;
  /** Added to each part's evidence (e.g. the sync window in words). */
  note?: string;
  /** Handles a failed read (default: error naming the read). */
  onFailure?: (fact: FailedFact, what: string, evidence: Evidence[]) => CheckOutcome;
}

export function evaluateData(parts: DataPart[], wording: DataCheckWording, extraEvidence: Evidence[] = []): CheckOutcome {
  const evidence: Evidence[] = [];
  for (const p of parts) if (p.fact.ok) evidence.push(sampleEvidence(p.fact as FactResult<RecordSample> & { ok: true }, wording.note));
  const failed = parts.find((p) => !p.fact.ok);
  if (failed && !failed.fact.ok) {
    const fact = failed.fact as FailedFact;
    if (wording.onFailure) return wording.onFailure(fact, failed.what, [...evidence, ...extraEvidence]);
    return failedRead(fact, failed.what, { extra: [...evidence, ...extraEvidence] });
  }
  const ok = parts.map((p) => ({ ...p, sample: (p.fact as FactResult<RecordSample> & { ok: true }).value }));
  const affected = combineSamples(
    ok.map((p) => ({ sample: p.sample, row: p.row, ...(p.dateColumn ? { dateColumn: p.dateColumn } : {}) })),
    {
      columns: wording.columns,
      keyField: wording.keyField,
      ...(wording.objectField ? { objectField: wording.objectField } : { object: ok[0]!.sample.object }),
    },
  );
  const breakdown = ok.map((p) => `${p.sample.count.toLocaleString('en-US')} ${p.sample.count === 1 ? (p.one ?? p.what.replace(/s$/, '')) : p.what}`).join(', ');
  evidence.push(...extraEvidence);
  if (affected.count === 0) return { status: 'pass', summary: wording.clean, evidence, affected };
  return { status: 'fail', summary: wording.found(affected.count, breakdown), evidence, affected };
}
