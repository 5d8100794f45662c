/**
 * How the runner hands the sandbox's endpoint and test credentials to the auditor and naive
 * workers: an environment variable, so they never appear on a command line (`ps`) or in output.
 */
import type { Credentials } from '../src/intacct/client.js';
import { failWorker } from './protocol.js';

export const CONNECTION_ENV = 'BENCH_CONNECTION';

export interface BenchConnection {
  endpoint: string;
  credentials: Credentials;
}

export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): BenchConnection {
  const raw = env[CONNECTION_ENV];
  if (!raw) failWorker(`${CONNECTION_ENV} is not set: start this worker through \`npm run bench\``);
  try {
    const parsed = JSON.parse(raw) as BenchConnection;
    if (typeof parsed.endpoint !== 'string' || typeof parsed.credentials !== 'object') throw new Error('shape');
    return parsed;
  } catch {
    failWorker(`${CONNECTION_ENV} does not hold {endpoint, credentials} as JSON`);
  }
}
