/**
 * The summary printed after every audit: one row per check that is not a plain pass, then the
 * verdict and the counts. Colour only when the CLI says so (TTY and no NO_COLOR).
 */
import type { AuditResult, CheckResult, Verdict } from '../model/result.js';
import { SEVERITY_LABEL, companyLine, countLine, displayState, formatTimestamp, integrationLine, sortChecks } from './labels.js';
import { plural } from '../util/text.js';

export interface TerminalOptions {
  color: boolean;
  /**
   * Columns of the terminal: long lines wrap to fit, under their own column. Absent (a CI log, a
   * pipe, a file): nothing is cut or wrapped, so every finding reads in full.
   */
  width?: number;
  /**
   * Whether to end with the verdict and its reason (default true). The command line turns it off
   * because it closes with its own uncut verdict line next to the report path and the gate.
   */
  verdict?: boolean;
}

const SYMBOL: Record<string, string> = {
  fail: '✖',
  error: '!',
  manual: '?',
  waived: '~',
  attested: '✔',
  pass: '✔',
  'not-applicable': '-',
};
const STATE_WORD: Record<string, string> = {
  fail: 'FAIL',
  error: 'ERROR',
  manual: 'MANUAL',
  waived: 'WAIVED',
  attested: 'ATTESTED',
  pass: 'PASS',
  'not-applicable': 'N/A',
};
const STATE_COLOR: Record<string, number> = {
  fail: 31,
  error: 35,
  manual: 33,
  waived: 90,
  attested: 32,
  pass: 32,
  'not-applicable': 90,
};
const VERDICT_TEXT: Record<Verdict, { symbol: string; word: string; color: number }> = {
  ready: { symbol: '✔', word: 'READY for go-live', color: 32 },
  'not-ready': { symbol: '✖', word: 'NOT READY for go-live', color: 31 },
  incomplete: { symbol: '!', word: 'INCOMPLETE: readiness could not be fully checked', color: 33 },
};
const ID_COLUMN_MAX = 40;
/** Indent, status (symbol and word), severity and the gaps between columns: where the id starts, less 2. */
const ROW_FIXED = 2 + 10 + 1 + 8 + 1 + 2;

export function renderTerminal(result: AuditResult, options: TerminalOptions): string {
  const width = options.width === undefined ? Infinity : Math.max(40, options.width);
  const paint = (code: number, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const bold = (s: string) => (options.color ? `\u001b[1m${s}\u001b[22m` : s);
  const wrapped = (text: string, indent = '') => wrap(text, width, indent);

  const rows = sortChecks(result.checks).filter((c) => c.status !== 'pass' || c.attestation);
  // the id column gives way on narrow terminals so the summary keeps at least a few words
  const longestId = Math.max(0, ...rows.map((c) => c.id.length));
  const idWidth = width === Infinity ? longestId : Math.max(8, Math.min(longestId, ID_COLUMN_MAX, width - ROW_FIXED - 16));
  const lines: string[] = [];
  lines.push(wrapped(`${clean(companyLine(result))} · ${formatTimestamp(result.run.startedAt)}`));
  // A CI log should say what the verdict was judged against, as the other reports do.
  const auditedAs = integrationLine(result);
  if (auditedAs !== undefined) lines.push(paint(90, wrapped(`audited as: ${clean(auditedAs)}`, '  ')));
  if (rows.length > 0) lines.push('');
  for (const check of rows) lines.push(row(check, idWidth, width, paint));

  const passed = result.checks.filter((c) => c.status === 'pass' && !c.attestation).length;
  if (passed > 0) lines.push(paint(32, `  ✔ ${plural(passed, 'other check')} passed`));
  if (result.notRun.length > 0) {
    lines.push(paint(90, wrapped(`  - not run: ${result.notRun.map((n) => n.id).join(', ')}`, '    ')));
  }

  if (result.sinceLastAudit) lines.push(...sinceLines(result, idWidth, width, paint));

  lines.push('');
  if (options.verdict !== false) {
    const v = VERDICT_TEXT[result.verdict];
    lines.push(paint(v.color, bold(`${v.symbol} ${v.word}`)));
    lines.push(wrapped(`  ${clean(result.verdictReason)}`, '  '));
  }
  lines.push(wrapped(`  ${countLine(result.counts)}`, '  '));
  if (result.redacted) lines.push('  customer and vendor names are pseudonyms (--redact)');
  return lines.join('\n') + '\n';
}

function row(check: CheckResult, idWidth: number, width: number, paint: (code: number, s: string) => string): string {
  const state = displayState(check);
  const status = `${SYMBOL[state]} ${STATE_WORD[state]!.padEnd(8)}`;
  const severity = SEVERITY_LABEL[check.severity].toLowerCase().padEnd(8);
  const id = truncate(check.id, idWidth).padEnd(idWidth);
  return `  ${paint(STATE_COLOR[state]!, status)} ${severity} ${id}  ${hang(clean(check.summary), width, ROW_FIXED + idWidth)}`;
}

const CHANGE_COLOR: Record<string, number> = { New: 31, Worse: 31, Resolved: 32, Better: 32 };

/** With a baseline: the headline, then one line per check that is new, got worse or was resolved. */
function sinceLines(result: AuditResult, idWidth: number, width: number, paint: (code: number, s: string) => string): string[] {
  const since = result.sinceLastAudit!;
  const lines = ['', wrap(clean(since.headline), width, '  ')];
  for (const item of since.items.filter((i) => i.change === 'new' || i.change === 'resolved' || (i.change === 'changed' && i.worse))) {
    const tag = `${item.tag.toUpperCase().padEnd(8)}`;
    const id = truncate(item.id, idWidth).padEnd(idWidth);
    const severity = SEVERITY_LABEL[item.severity].toLowerCase().padEnd(8);
    const line = hang(clean(item.line), width, ROW_FIXED + idWidth);
    lines.push(`  ${paint(CHANGE_COLOR[item.tag] ?? 90, `${item.change === 'resolved' ? '✔' : '▲'} ${tag}`)} ${severity} ${id}  ${line}`);
  }
  return lines;
}

/** Customer data must not reach the terminal as control sequences (colours, cursor moves, titles). */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

/** Text that starts at column `column`, wrapped to the width with its continuation lines under it. */
function hang(text: string, width: number, column: number): string {
  if (width === Infinity) return text;
  const pad = ' '.repeat(column);
  return wrap(pad + text, width, pad).slice(column);
}

/** Word-wraps to `width` columns (a word longer than a line is broken); continuation lines start with `indent`. */
function wrap(text: string, width: number, indent = ''): string {
  if (width === Infinity || Array.from(text).length <= width) return text;
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let prefix = lead;
  let line: string[] = [];
  const room = () => Math.max(1, width - prefix.length);
  const flush = () => {
    lines.push(prefix + line.join(''));
    prefix = indent;
    line = [];
  };
  for (const word of text.slice(lead.length).split(/ +/).filter(Boolean)) {
    let chars = Array.from(word);
    if (line.length > 0 && line.length + 1 + chars.length > room()) flush();
    while (chars.length > room()) {
      if (line.length > 0) flush();
      const r = room();
      line = chars.slice(0, r);
      chars = chars.slice(r);
      flush();
    }
    if (chars.length > 0) {
      if (line.length > 0) line.push(' ');
      line.push(...chars);
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(prefix + line.join(''));
  return lines.join('\n');
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}
