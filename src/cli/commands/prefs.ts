/**
 * `intacct-preflight prefs APP`: prints the company's get_companyprefs for one application, sorted,
 * and which settings-catalog entries map to which preference names — the way a consultant
 * confirms (or corrects, in the config's `catalog`) the names the checks rely on.
 */
import { loadSettingsCatalog, type CatalogOverrides } from '../../plan/catalog.js';
import { IntacctClient } from '../../intacct/client.js';
import type { XmlRecord, XmlValue } from '../../intacct/functions.js';
import { clientOptions, resolveConnection } from '../connection.js';
import type { Ctx } from '../context.js';
import { lastString } from '../context.js';
import { raceAbort as abortable } from '../../util/errors.js';
import { CouldNotAuditError, UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { RawArgs } from '../parser.js';
import { connectionArgs, loadConfigOption, resolveLimits } from '../settings.js';

function text(v: XmlValue | undefined): string {
  return typeof v === 'string' ? v : v === undefined ? '' : Array.isArray(v) ? v.map(text).join(',') : '';
}

function field(rec: XmlRecord, name: string): string {
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  return key === undefined ? '' : text(rec[key]);
}

export async function prefsCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const app = (lastString(args.app) ?? '').trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9]{0,9}$/.test(app)) {
    throw new UsageError(`"${lastString(args.app) ?? ''}" is not an application code: use e.g. AR, AP, SO, PO, GL, GEN, ME.`);
  }
  const config = loadConfigOption(args, io);
  const catalog = loadSettingsCatalog((config?.config.catalog ?? {}) as CatalogOverrides);
  const limits = resolveLimits(args, config, io.cwd);
  const conn = await resolveConnection(connectionArgs(args), io, ctx);
  const client = new IntacctClient(clientOptions(conn, limits, io, ctx));
  let prefs: Map<string, string>;
  try {
    await abortable(client.connect(), io.signal);
    const [outcome] = await abortable(client.execute([{ function: 'get_companyprefs', application: app }]), io.signal);
    if (!outcome) throw new CouldNotAuditError(`get_companyprefs ${app} returned nothing.`);
    if (!outcome.ok) throw new CouldNotAuditError(`get_companyprefs ${app} failed: ${outcome.error.message}`);
    prefs = new Map();
    for (const rec of outcome.data.records) {
      const name = field(rec, 'preference');
      if (name) prefs.set(name, field(rec, 'prefvalue'));
    }
  } finally {
    await client.close().catch(() => undefined);
  }

  const names = [...prefs.keys()].sort((a, b) => a.localeCompare(b));
  const mapped = Object.entries(catalog)
    .filter(([, entry]) => entry.application.toUpperCase() === app)
    .map(([setting, entry]) => {
      const found = entry.candidates.find((c) => prefs.has(c));
      return {
        setting,
        label: entry.label,
        candidates: entry.candidates,
        verified: entry.verified,
        found: found ?? null,
        value: found !== undefined ? (prefs.get(found) ?? '') : null,
      };
    });

  if (args.json === true) {
    ctx.out(
      JSON.stringify(
        { application: app, companyId: conn.credentials.companyId, preferences: Object.fromEntries(names.map((n) => [n, prefs.get(n) ?? ''])), catalog: mapped },
        null,
        2,
      ),
    );
    return ExitCode.Ok;
  }
  if (names.length === 0) ctx.err(`No ${app} preferences returned (is the application subscribed?).`);
  for (const name of names) ctx.out(`${name}=${prefs.get(name) ?? ''}`);
  if (!ctx.quiet) {
    // Comment lines, so the output still reads as name=value pairs.
    const lines = [`# Settings catalog entries for ${app}:`];
    if (mapped.length === 0) lines.push('#   (none: no check reads a setting of this application)');
    for (const m of mapped) {
      const state = m.found !== null ? `found ${m.found}=${m.value}` : `NOT FOUND (looked for ${m.candidates.join(', ')})`;
      lines.push(`#   ${m.setting}: ${state}${m.verified ? '' : ' [name unverified]'} — ${m.label}`);
    }
    ctx.out(['#', ...lines].join('\n'));
  }
  return ExitCode.Ok;
}
