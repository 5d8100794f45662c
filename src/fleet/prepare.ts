/**
 * Everything about each company that can be wrong is judged before the first company is
 * contacted: its config file, the check ids it names, the options, its credentials. Each company's
 * settings are resolved exactly as `audit` resolves them (command-line options over its config
 * file over defaults), with its own output folder.
 */
import { join } from 'node:path';
import type { ResolvedConnection } from '../cli/connection.js';
import { checkAuditSettings } from '../cli/commands/audit.js';
import type { Ctx } from '../cli/context.js';
import { classifyError, CliError, UsageError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { RawArgs } from '../cli/parser.js';
import { resolveAuditSettings, type AuditSettings } from '../cli/settings.js';
import { errorLine } from '../util/errors.js';
import { companyConnection } from './credentials.js';
import { companyLabel, type ManifestCompany } from './manifest.js';

/** Intacct serves at most this many requests of one company at a time. */
export const MAX_COMPANY_CONCURRENCY = 2;

/** The `audit` options a fleet passes on to every company (the rest are the fleet's own). */
const PASSED_ON = ['format', 'failOn', 'checks', 'skip', 'checksDir', 'syncFrom', 'redact', 'concurrency', 'maxFunctions', 'timeout'] as const;

export interface PreparedCompany {
  company: ManifestCompany;
  /** As `audit` would resolve them; `baseline` and `failOnNew` are set per run, once the folder is looked at. */
  settings: AuditSettings;
  connection: ResolvedConnection;
}

export async function prepareCompanies(companies: readonly ManifestCompany[], args: RawArgs, out: string, ctx: Ctx): Promise<PreparedCompany[]> {
  const concurrency = args.concurrency;
  if (concurrency !== undefined && !(Number(concurrency) >= 1 && Number(concurrency) <= MAX_COMPANY_CONCURRENCY && Number.isInteger(Number(concurrency)))) {
    throw new UsageError(`--concurrency must be 1 or 2: Intacct serves at most ${MAX_COMPANY_CONCURRENCY} requests of one company at a time.`);
  }
  const passed: RawArgs = Object.fromEntries(PASSED_ON.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));
  const prepared: PreparedCompany[] = [];
  for (const company of companies) {
    const label = companyLabel(company);
    try {
      const settings = resolveAuditSettings({ ...passed, out: join(out, company.name), ...(company.config ? { config: company.config } : {}) }, ctx.io);
      // report.json is the next run's baseline; a config may ask for more formats, never fewer than that.
      if (!settings.formats.includes('json')) settings.formats = [...settings.formats, 'json'];
      settings.limits = { ...settings.limits, concurrency: Math.min(settings.limits.concurrency, MAX_COMPANY_CONCURRENCY) };
      const connection = companyConnection(company, ctx.io.env, ctx.warn);
      // Its entity is the integration profile's default entity, as for audit --entity-id.
      await checkAuditSettings(settings, ctx.io, connection);
      prepared.push({ company, settings, connection });
    } catch (err) {
      const known = classifyError(err);
      if (!known || (known.exitCode !== ExitCode.Usage && known.exitCode !== ExitCode.CouldNotAudit)) throw err;
      const message = errorLine(known.message);
      throw new CliError(message.startsWith(label) ? message : `${label}: ${message}`, ExitCode.Usage);
    }
  }
  return prepared;
}
