/**
 * `sandbox --fleet N --manifest FILE`: N generated companies on one loopback port, their fleet
 * manifest written to FILE (credentials as environment-variable prefixes, never passwords), and
 * the KEY=value lines of every company's test credentials on stdout, like `sandbox` prints one
 * company's:
 *   intacct-preflight sandbox --fleet 12 --manifest fleet.json > fleet.env &
 *   set -a; . ./fleet.env; set +a; intacct-preflight fleet fleet.json
 */
import { dirname, resolve } from 'node:path';
import type { Ctx } from '../context.js';
import { lastNumber, lastString } from '../context.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { displayPath, prepareOutDir } from '../output.js';
import type { RawArgs } from '../parser.js';
import { writeFileAtomic } from '../../util/files.js';
import { CREDENTIAL_NAMES } from '../../intacct/credentials.js';

export const MAX_FLEET = 1000;

export async function sandboxFleetCommand(args: RawArgs, ctx: Ctx, serve: { port: number; latencyMs: number; until: () => Promise<void>; shellValue: (v: string) => string }): Promise<number> {
  const { io } = ctx;
  const count = lastNumber(args.fleet) ?? NaN;
  if (!Number.isInteger(count) || count < 1 || count > MAX_FLEET) throw new UsageError(`--fleet must be a whole number of companies from 1 to ${MAX_FLEET}.`);
  const file = lastString(args.manifest);
  if (file === undefined || file.trim() === '') throw new UsageError('--fleet needs --manifest FILE: where to write the fleet manifest of the companies served (e.g. fleet.json).');
  if (args.company !== undefined && args.company !== 'demo') throw new UsageError('--fleet serves generated companies: leave out --company.');
  const path = resolve(io.cwd, file);
  if (!/\.json$/i.test(path)) throw new UsageError(`--manifest ${file}: the sandbox writes a JSON manifest; name it .json.`);
  prepareOutDir(dirname(path), displayPath(dirname(path), io.cwd));

  const [{ generatePortfolio }, { startSandbox }] = await Promise.all([import('../../sandbox/portfolio.js'), import('../../sandbox/server.js')]);
  const companies = generatePortfolio({ count });
  let sandbox;
  try {
    sandbox = await startSandbox({
      company: companies[0]!.fixture,
      moreCompanies: companies.slice(1).map((c) => c.fixture),
      port: serve.port,
      latencyMs: serve.latencyMs,
      // Intacct's allowance per company; a fleet that sends more gets HTTP 429 like it would there.
      maxConcurrent: 2,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${serve.port} is already in use on 127.0.0.1: pick another or use 0 for a random port.`);
    throw err;
  }
  try {
    const manifest = {
      $schema: 'https://unpkg.com/intacct-preflight/schemas/fleet.schema.json',
      companies: companies.map((c) => ({ name: c.name, title: c.fixture.company.name, credentials: { envPrefix: c.envPrefix } })),
    };
    await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const c of companies) {
      const f = c.fixture;
      const values: [string, string][] = [
        [CREDENTIAL_NAMES.endpoint.env, sandbox.endpoint],
        [CREDENTIAL_NAMES.senderId.env, f.credentials.senderId],
        [CREDENTIAL_NAMES.senderPassword.env, f.credentials.senderPassword],
        [CREDENTIAL_NAMES.companyId.env, f.company.id],
        [CREDENTIAL_NAMES.userId.env, f.credentials.userId],
        [CREDENTIAL_NAMES.userPassword.env, f.credentials.userPassword],
      ];
      for (const [key, value] of values) ctx.out(`${c.envPrefix}${key}=${serve.shellValue(value)}`);
    }
    if (!ctx.quiet) {
      const kinds = companies.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.kind]: (acc[c.kind] ?? 0) + 1 }), {});
      const spread = Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ');
      ctx.err(`Sandbox gateway serving ${count} generated companies (${spread}) at ${sandbox.endpoint}; manifest: ${displayPath(path, io.cwd)} — test credentials above. Ctrl+C to stop.`);
    }
    await serve.until();
  } finally {
    await sandbox.close();
  }
  if (!ctx.quiet) ctx.err('Sandbox stopped.');
  return ExitCode.Ok;
}
