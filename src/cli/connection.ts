/**
 * Turns connection options into the client's options: credentials resolved the way the Intacct
 * SDK does (explicit options, then INTACCT_* environment, then the profile file), a no-echo prompt
 * for a missing password on a terminal, and the limits. Passwords are never options.
 */
import { resolve } from 'node:path';
import type { ClientOptions, Credentials } from '../intacct/client.js';
import { defaultProfileFile, resolveCredentials } from '../intacct/credentials.js';
import type { CliIo } from './io.js';
import { UsageError } from './errors.js';
import { canPrompt, promptHidden } from './prompt.js';

export interface ConnectionArgs {
  endpoint?: string;
  companyId?: string;
  userId?: string;
  senderId?: string;
  entityId?: string;
  profile?: string;
}

export interface Limits {
  concurrency: number;
  maxFunctions: number;
  timeoutSeconds: number;
  debugLog?: string;
}

type CredentialKey = keyof Credentials | 'endpoint';

/** Where each value can be given, for the "missing X" message. */
const WHERE: Record<Exclude<CredentialKey, 'entityId' | 'endpoint'>, { label: string; option?: string; env: string; ini: string }> = {
  senderId: { label: 'sender id', option: '--sender-id', env: 'INTACCT_SENDER_ID', ini: 'sender_id' },
  senderPassword: { label: 'sender password', env: 'INTACCT_SENDER_PASSWORD', ini: 'sender_password' },
  companyId: { label: 'company id', option: '--company-id', env: 'INTACCT_COMPANY_ID', ini: 'company_id' },
  userId: { label: 'user id', option: '--user-id', env: 'INTACCT_USER_ID', ini: 'user_id' },
  userPassword: { label: 'user password', env: 'INTACCT_USER_PASSWORD', ini: 'user_password' },
};

const ALIASES: Record<string, keyof typeof WHERE> = {
  sender_id: 'senderId', INTACCT_SENDER_ID: 'senderId', senderid: 'senderId',
  sender_password: 'senderPassword', INTACCT_SENDER_PASSWORD: 'senderPassword', senderpassword: 'senderPassword',
  company_id: 'companyId', INTACCT_COMPANY_ID: 'companyId', companyid: 'companyId',
  user_id: 'userId', INTACCT_USER_ID: 'userId', userid: 'userId',
  user_password: 'userPassword', INTACCT_USER_PASSWORD: 'userPassword', userpassword: 'userPassword',
};

function normaliseKey(name: string): keyof typeof WHERE | undefined {
  if (name in WHERE) return name as keyof typeof WHERE;
  return ALIASES[name] ?? ALIASES[name.toLowerCase()];
}

export function missingMessage(key: keyof typeof WHERE, profileFile: string): string {
  const w = WHERE[key];
  const places = [w.option, w.env, `${w.ini} in ${profileFile}`].filter(Boolean).join(', ');
  const password = key.endsWith('Password') ? ' (passwords are never command-line options)' : '';
  return `Missing ${w.label}: set ${places.replace(/, ([^,]*)$/, ' or $1')}${password}.`;
}

/** Several ids missing (typically nothing is set up yet): name them all, and the way to try without any. */
function missingIdsMessage(keys: readonly (keyof typeof WHERE)[], profileFile: string): string {
  const labels = keys.map((k) => WHERE[k].label);
  const list = `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]!}`;
  const envs = keys.map((k) => WHERE[k].env).join(', ');
  return `Missing ${list}: set ${envs} (or the matching options), or a profile in ${profileFile}; --demo audits the built-in demo company without credentials.`;
}

export interface ResolvedConnection {
  credentials: Credentials;
  endpoint?: string;
  sources: Record<string, string>;
  profileFile?: string;
}

/** Options, then environment, then the profile file, as the SDK does; no prompt, nothing reported. */
function lookUpCredentials(args: ConnectionArgs, io: Pick<CliIo, 'env'>, profileFile: string): ReturnType<typeof resolveCredentials> {
  const explicit: Partial<Credentials & { endpoint: string }> = {};
  if (args.endpoint) explicit.endpoint = args.endpoint;
  if (args.companyId) explicit.companyId = args.companyId;
  if (args.userId) explicit.userId = args.userId;
  if (args.senderId) explicit.senderId = args.senderId;
  if (args.entityId) explicit.entityId = args.entityId;
  return resolveCredentials({ explicit, env: io.env, ...(args.profile ? { profile: args.profile } : {}), profileFile });
}

/**
 * The entity the audit will sign in at, known before any password prompt (--entity-id,
 * INTACCT_ENTITY_ID or the profile file): the integration profile's default entity.
 */
export function signInEntity(args: ConnectionArgs, io: Pick<CliIo, 'env'>): string | undefined {
  return lookUpCredentials(args, io, defaultProfileFile(io.env)).entityId || undefined;
}

export async function resolveConnection(
  args: ConnectionArgs,
  io: CliIo,
  report: { warn(text: string): void; info(text: string): void },
): Promise<ResolvedConnection> {
  const profileFile = defaultProfileFile(io.env);
  const resolved = lookUpCredentials(args, io, profileFile);
  for (const w of resolved.warnings) report.warn(w);
  const sources: Record<string, string> = { ...resolved.sources };
  const values: Partial<Credentials> = {};
  for (const key of ['senderId', 'senderPassword', 'companyId', 'userId', 'userPassword', 'entityId'] as const) {
    const v = resolved[key];
    if (typeof v === 'string' && v !== '') values[key] = v;
  }
  const missing = new Set<keyof typeof WHERE>();
  for (const name of resolved.missing) {
    const key = normaliseKey(name);
    if (key) missing.add(key);
  }
  for (const key of Object.keys(WHERE) as (keyof typeof WHERE)[]) if (!values[key]) missing.add(key);

  // Ids first: prompting for a password is pointless when the company is unknown.
  const missingIds = (['companyId', 'userId', 'senderId'] as const).filter((key) => missing.has(key));
  if (missingIds.length === 1) throw new UsageError(missingMessage(missingIds[0]!, profileFile));
  if (missingIds.length > 1) throw new UsageError(missingIdsMessage(missingIds, profileFile));
  for (const key of ['senderPassword', 'userPassword'] as const) {
    if (!missing.has(key)) continue;
    if (!canPrompt(io)) throw new UsageError(missingMessage(key, profileFile));
    const who = key === 'senderPassword' ? `sender ${values.senderId}` : `user ${values.userId}@${values.companyId}`;
    const value = await promptHidden(io, `Password for ${who}: `);
    if (value === '') throw new UsageError(missingMessage(key, profileFile));
    values[key] = value;
    sources[key] = 'prompt';
  }
  report.info(
    `Credentials: ${Object.entries(sources)
      .filter(([k]) => k !== 'endpoint')
      .map(([k, s]) => `${k} from ${s}`)
      .join(', ')}`,
  );
  return {
    credentials: values as Credentials,
    ...(resolved.endpoint ? { endpoint: resolved.endpoint } : {}),
    sources,
    profileFile,
  };
}

/**
 * The client's options. `env` carries HTTPS_PROXY / NO_PROXY to the client's dispatcher; with
 * --verbose, retries and session renewals are reported (never a secret: the client's events carry
 * none). The client's warnings (a debug log that stopped being written, an ignored session
 * endpoint) are shown whatever the verbosity: each happens once and loses something.
 */
export function clientOptions(
  conn: ResolvedConnection,
  limits: Limits,
  io: Pick<CliIo, 'cwd' | 'env'>,
  report?: { info(text: string): void; warn(text: string): void },
): ClientOptions {
  const cwd = io.cwd;
  return {
    env: io.env,
    ...(report
      ? {
          onEvent: (e) => {
            if (e.type === 'retry') report.info(`Retrying (attempt ${e.attempt}) in ${e.delayMs} ms: ${e.reason}`);
            else if (e.type === 'session' && e.renewed) report.info('Session expired: signed in again.');
            else if (e.type === 'warning') report.warn(e.message);
          },
        }
      : {}),
    credentials: conn.credentials,
    ...(conn.endpoint ? { endpoint: conn.endpoint } : {}),
    concurrency: limits.concurrency,
    maxFunctionsPerRequest: limits.maxFunctions,
    timeoutMs: Math.round(limits.timeoutSeconds * 1000),
    ...(limits.debugLog ? { debugLog: resolve(cwd, limits.debugLog) } : {}),
  };
}
