/** Starting the real sandbox gateway for command-line tests, and env lines pointing at it. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompany } from '../../src/sandbox/companies.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { cleanEnv } from './helpers.js';

export async function withSandbox<T>(
  company: string | CompanyFixture,
  fn: (sb: Sandbox) => Promise<T>,
  opts: { latencyMs?: number } = {},
): Promise<T> {
  const fixture = typeof company === 'string' ? loadCompany(company) : company;
  const sb = await startSandbox({ company: fixture, ...opts });
  try {
    return await fn(sb);
  } finally {
    await sb.close();
  }
}

/** SDK environment variables for the sandbox, as a pipeline would set them. */
export function sandboxEnv(sb: Sandbox, home: string, override: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return cleanEnv(home, {
    INTACCT_ENDPOINT_URL: sb.endpoint,
    INTACCT_SENDER_ID: sb.credentials.senderId,
    INTACCT_SENDER_PASSWORD: sb.credentials.senderPassword,
    INTACCT_COMPANY_ID: sb.credentials.companyId,
    INTACCT_USER_ID: sb.credentials.userId,
    INTACCT_USER_PASSWORD: sb.credentials.userPassword,
    ...override,
  });
}

/** A copy of a shipped company with changes, e.g. other credentials. */
export function variant(name: string, change: (c: CompanyFixture) => void): CompanyFixture {
  const copy = structuredClone(loadCompany(name));
  change(copy);
  return copy;
}

export function writeJson(dir: string, name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(data, null, 2));
  return path;
}
