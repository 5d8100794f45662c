/**
 * A portfolio of generated companies served by one real sandbox gateway on 127.0.0.1, its fleet
 * manifest, and the environment a pipeline would set for it (one prefix of variables per company).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePortfolio, type PortfolioCompany } from '../../src/sandbox/portfolio.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import type { FleetIndex } from '../../src/fleet/index-model.js';
import { fleetIndexProblems } from '../../src/fleet/index-file.js';
import { cleanEnv } from '../cli/helpers.js';

export interface Portfolio {
  sandbox: Sandbox;
  companies: PortfolioCompany[];
  /** The credentials of every company, as COMPANY_NN_INTACCT_* variables (HOME set to `home`). */
  env(home: string): NodeJS.ProcessEnv;
  /** Writes a manifest of these companies (all, or the names given) to dir/name and returns its path. */
  manifest(dir: string, names?: string[], file?: string): string;
  close(): Promise<void>;
}

export async function startPortfolio(count: number, opts: { latencyMs?: number; invoices?: number } = {}): Promise<Portfolio> {
  const companies = generatePortfolio({ count, invoices: opts.invoices ?? 200 });
  const sandbox = await startSandbox({
    company: companies[0]!.fixture,
    moreCompanies: companies.slice(1).map((c) => c.fixture),
    maxConcurrent: 2,
    ...(opts.latencyMs ? { latencyMs: opts.latencyMs } : {}),
  });
  return {
    sandbox,
    companies,
    env(home) {
      const vars: NodeJS.ProcessEnv = {};
      for (const c of companies) {
        const f = c.fixture;
        Object.assign(vars, {
          [`${c.envPrefix}INTACCT_ENDPOINT_URL`]: sandbox.endpoint,
          [`${c.envPrefix}INTACCT_SENDER_ID`]: f.credentials.senderId,
          [`${c.envPrefix}INTACCT_SENDER_PASSWORD`]: f.credentials.senderPassword,
          [`${c.envPrefix}INTACCT_COMPANY_ID`]: f.company.id,
          [`${c.envPrefix}INTACCT_USER_ID`]: f.credentials.userId,
          [`${c.envPrefix}INTACCT_USER_PASSWORD`]: f.credentials.userPassword,
        });
      }
      return cleanEnv(home, vars);
    },
    manifest(dir, names, file = 'fleet.json') {
      const chosen = names ? companies.filter((c) => names.includes(c.name)) : companies;
      const path = join(dir, file);
      writeFileSync(path, JSON.stringify({ companies: chosen.map((c) => ({ name: c.name, credentials: { envPrefix: c.envPrefix } })) }, null, 2));
      return path;
    },
    close: () => sandbox.close(),
  };
}

/** fleet.json of an output folder, checked against its published schema. */
export function readIndex(out: string): FleetIndex {
  const data = JSON.parse(readFileSync(join(out, 'fleet.json'), 'utf8')) as FleetIndex;
  expect(fleetIndexProblems(data)).toEqual([]);
  return data;
}

/** The index without what differs between two runs of the same companies (times, durations, how it was run). */
export function comparable(index: FleetIndex): unknown {
  const { run: _run, ...rest } = index;
  return { ...rest, companies: index.companies.map((r) => ({ ...r, durationMs: 0 })) };
}
