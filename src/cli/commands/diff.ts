/**
 * `intacct-preflight diff OLD.json NEW.json [--format md|json] [--out FILE|-]`: the comparison
 * `audit --baseline` adds to a report, for two reports that were already saved (e.g. the reports
 * attached to a ticket before and after a fix). Offline; reads nothing but the two files.
 */
import { resolve } from 'node:path';
import { compareReportFiles } from '../../history/index.js';
import { renderComparisonJson, renderComparisonMarkdown } from '../../render/comparison.js';
import type { Ctx } from '../context.js';
import { lastString } from '../context.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { writeTextOutput } from '../output.js';
import type { RawArgs } from '../parser.js';

const DIFF_FORMATS = ['md', 'json'] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];
const ALIASES: Record<string, DiffFormat> = { markdown: 'md' };

export async function diffCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const raw = (lastString(args.format) ?? 'md').trim().toLowerCase();
  const format = (DIFF_FORMATS as readonly string[]).includes(raw) ? (raw as DiffFormat) : ALIASES[raw];
  if (!format) throw new UsageError(`--format "${lastString(args.format)}" is not a diff format: use md or json.`);
  const oldPath = lastString(args.old) ?? '';
  const newPath = lastString(args.new) ?? '';
  for (const [name, value] of [['OLD', oldPath], ['NEW', newPath]] as const) {
    if (value.trim() === '') throw new UsageError(`diff: the ${name} report path is empty: give the path of a report.json.`);
  }

  // Unreadable or invalid reports and reports of two companies are usage errors (exit 4, one line).
  const comparison = compareReportFiles(resolve(io.cwd, oldPath), resolve(io.cwd, newPath), { allowOtherCompany: args.allowOtherCompany === true });
  const text = format === 'json' ? renderComparisonJson(comparison) : renderComparisonMarkdown(comparison);

  await writeTextOutput(text, lastString(args.out), ctx);
  return ExitCode.Ok;
}
