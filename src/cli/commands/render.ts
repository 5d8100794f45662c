/**
 * `intacct-preflight render report.json --format html|md|junit|json [--out FILE|-]`: re-renders a
 * saved result offline. The renderers are the ones `audit` uses, so the output is identical.
 */
import { resolve } from 'node:path';
import { redactResult } from '../../assemble/redact.js';
import { readResultFile } from '../../render/index.js';
import type { Ctx } from '../context.js';
import { lastString } from '../context.js';
import { UsageError, errorLine } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { parseFormats, REPORT_FORMATS } from '../options.js';
import { render, writeTextOutput } from '../output.js';
import type { RawArgs } from '../parser.js';

export async function renderCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const input = lastString(args.result) ?? '';
  const parsed = parseFormats([lastString(args.format) ?? 'html']);
  if ('unknown' in parsed || parsed.formats.length !== 1) {
    const bad = 'unknown' in parsed ? parsed.unknown : lastString(args.format);
    throw new UsageError(`--format "${bad}" is not a report format: use one of ${REPORT_FORMATS.join(', ')}.`);
  }
  const format = parsed.formats[0]!;
  let result;
  try {
    result = readResultFile(resolve(io.cwd, input));
  } catch (err) {
    throw new UsageError(errorLine(err));
  }
  if (args.redact === true && !result.redacted) result = redactResult(result);
  await writeTextOutput(render(result, format), lastString(args.out), ctx);
  return ExitCode.Ok;
}
