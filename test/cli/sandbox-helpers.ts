/** Starting the real sandbox gateway for command-line tests, and env lines pointing at it. */
import { spawn } from 'node:child_process';
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

/** The real executable (dist/src/cli/bin.js, built by the global setup). */
export const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'bin.js');

export interface SpawnedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds to the exit: from the interrupt when one was sent, else from the start. */
  ms: number;
}

/** Runs the executable; with `interruptOn`, sends SIGINT once its stderr matches (a string: contains). */
export function spawnCli(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; interruptOn?: RegExp | string }): Promise<SpawnedRun> {
  const { interruptOn } = opts;
  const due = (text: string) => (interruptOn === undefined ? false : typeof interruptOn === 'string' ? text.includes(interruptOn) : interruptOn.test(text));
  let started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => void (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => {
      stderr += String(d);
      if (!sent && due(stderr)) {
        sent = true;
        started = Date.now();
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/**
 * Runs the executable against `sb` and sends SIGINT once it has signed in, i.e. mid-audit (give
 * the sandbox some latency so the audit is still reading when the signal lands), or once its
 * progress on stderr matches `at`.
 */
export function interruptMidAudit(args: string[], cwd: string, sb: Sandbox, at = /Signed in/): Promise<SpawnedRun> {
  return spawnCli(args, { cwd, env: sandboxEnv(sb, cwd), interruptOn: at });
}
