/** `intacct-preflight checks` (the catalogue) and `intacct-preflight explain ID` (one check in full). */
import type { Severity } from '../../model/check.js';
import { unknownCheckError } from '../../plan/check-ids.js';
import { loadKnownChecks, type KnownCheck } from '../check-ids.js';
import type { Ctx } from '../context.js';
import { lastString, stringList } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import type { RawArgs } from '../parser.js';
import { loadConfigOption } from '../settings.js';
import { resolve } from 'node:path';
import { byCharacters } from '../../util/text.js';

const SEVERITY_ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

async function catalogue(args: RawArgs, ctx: Ctx): Promise<{ checks: KnownCheck[]; severity: Record<string, Severity> }> {
  const config = loadConfigOption(args, ctx.io);
  const dirs = stringList(args.checksDir)?.map((d) => resolve(ctx.io.cwd, d)) ?? config?.config.checksDirs ?? [];
  const timeout = config?.config.userCheckTimeout;
  const checks = await loadKnownChecks(dirs, { ...(timeout !== undefined ? { timeoutMs: Math.round(timeout * 1000) } : {}), ...(ctx.io.signal ? { signal: ctx.io.signal } : {}) });
  const severity = config?.config.severity ?? {};
  const ids = checks.map((c) => c.check.meta.id);
  for (const id of Object.keys(severity)) {
    if (!ids.includes(id)) throw unknownCheckError(id, ids, `Config file ${config?.path}: severity.${id}`);
  }
  return { checks, severity };
}

export async function checksCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const { checks, severity } = await catalogue(args, ctx);
  const rows = checks
    .map(({ check, origin }) => ({
      id: check.meta.id,
      severity: severity[check.meta.id] ?? check.meta.severity,
      defaultSeverity: check.meta.severity,
      category: check.meta.category,
      title: check.meta.title,
      origin,
    }))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || byCharacters(a.id, b.id));
  if (args.json === true) {
    ctx.out(JSON.stringify(rows, null, 2));
    return ExitCode.Ok;
  }
  const idWidth = Math.max(2, ...rows.map((r) => r.id.length));
  const sevWidth = 8;
  ctx.out(`${'ID'.padEnd(idWidth)}  ${'SEVERITY'.padEnd(sevWidth)}  TITLE`);
  for (const r of rows) {
    const changed = r.severity !== r.defaultSeverity ? ` (default ${r.defaultSeverity})` : '';
    const origin = r.origin !== 'builtin' ? ` [${r.origin}]` : '';
    ctx.out(`${r.id.padEnd(idWidth)}  ${r.severity.padEnd(sevWidth)}  ${r.title}${changed}${origin}`);
  }
  return ExitCode.Ok;
}

export async function explainCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const id = (lastString(args.id) ?? '').trim();
  const { checks, severity } = await catalogue(args, ctx);
  const found = checks.find((c) => c.check.meta.id === id);
  if (!found) {
    const ids = checks.map((c) => c.check.meta.id);
    throw unknownCheckError(id, ids);
  }
  const m = found.check.meta;
  const sev = severity[m.id] ?? m.severity;
  const lines = [
    `${m.id} — ${m.title}`,
    `Severity: ${sev}${sev !== m.severity ? ` (default ${m.severity})` : ''} · Category: ${m.category} · Version: ${m.version}${found.origin !== 'builtin' ? ` · From: ${found.origin}` : ''}`,
    '',
    'Why it matters',
    ...wrap(m.why, 76).map((l) => `  ${l}`),
    '',
    'How to fix it',
    ...m.remediation.flatMap((step, i) => wrap(step, 72).map((l, j) => (j === 0 ? `  ${String(i + 1).padStart(2)}. ${l}` : `      ${l}`))),
  ];
  if (m.docs.length) lines.push('', 'Docs', ...m.docs.map((d) => `  - ${d.title}: ${d.url}`));
  ctx.out(lines.join('\n'));
  return ExitCode.Ok;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}
