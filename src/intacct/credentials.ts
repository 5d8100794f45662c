/**
 * Where the connection settings come from, following the official Intacct SDK conventions so that
 * users' existing set-ups work: explicit options, then INTACCT_* environment variables, then the
 * profile file ~/.intacct/credentials.ini ([default] or the profile named by option or
 * INTACCT_PROFILE). Decided per value; `sources` says where each value came from (never the value).
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ENDPOINT } from './endpoint.js';
import { ConfigurationError } from './errors.js';
import { INPUT_LIMITS, InputFileError, inputText, readInputFile } from '../util/input.js';
import { parseIniEntries } from './ini.js';

/** What the client signs in with (the sender's and the Web Services user's). */
export interface Credentials {
  senderId: string;
  senderPassword: string;
  companyId: string;
  userId: string;
  userPassword: string;
  entityId?: string;
}

export type CredentialKey = keyof Credentials | 'endpoint';
export type CredentialSource = 'option' | 'env' | 'profile';

export type ResolvedCredentials = Partial<Credentials> & {
  endpoint?: string;
  /** Required values found nowhere (credential keys, e.g. 'senderPassword'). */
  missing: string[];
  sources: Partial<Record<CredentialKey, CredentialSource>>;
  warnings: string[];
  /** The profile file consulted (whether or not it existed) and the profile name used. */
  profileFile: string;
  profile: string;
};

/** Environment variable and INI key of each value, as the SDK names them. */
export const CREDENTIAL_NAMES: Record<CredentialKey, { env: string; ini: string; label: string }> = {
  senderId: { env: 'INTACCT_SENDER_ID', ini: 'sender_id', label: 'sender ID' },
  senderPassword: { env: 'INTACCT_SENDER_PASSWORD', ini: 'sender_password', label: 'sender password' },
  companyId: { env: 'INTACCT_COMPANY_ID', ini: 'company_id', label: 'company ID' },
  entityId: { env: 'INTACCT_ENTITY_ID', ini: 'entity_id', label: 'entity ID' },
  userId: { env: 'INTACCT_USER_ID', ini: 'user_id', label: 'user ID' },
  userPassword: { env: 'INTACCT_USER_PASSWORD', ini: 'user_password', label: 'user password' },
  endpoint: { env: 'INTACCT_ENDPOINT_URL', ini: 'endpoint_url', label: 'endpoint URL' },
};

/** The values a connection cannot do without (entityId and endpoint are optional). */
export const REQUIRED_CREDENTIALS: readonly (keyof Credentials)[] = ['senderId', 'senderPassword', 'companyId', 'userId', 'userPassword'];
const KNOWN_INI_KEYS = new Set(Object.values(CREDENTIAL_NAMES).map((n) => n.ini));

/**
 * An unknown key is named only when it is a known one misspelt in case or separators (`senderid`):
 * anything else on the line may be a pasted password, so only its line is given.
 */
function unknownKeyWarning(key: string, where: string, profile: string): string {
  const squash = (k: string) => k.replace(/[_.-]/g, '');
  const meant = [...KNOWN_INI_KEYS].find((k) => squash(k) === squash(key));
  return meant
    ? `Unknown key "${key}" in profile [${profile}] at ${where} (ignored; did you mean ${meant}?)`
    : `Unknown key in profile [${profile}] at ${where} (ignored; the keys are ${[...KNOWN_INI_KEYS].join(', ')})`;
}

/** ~/.intacct/credentials.ini for the given environment (HOME, or USERPROFILE on Windows). */
export function defaultProfileFile(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || env.USERPROFILE || (env.HOMEDRIVE && env.HOMEPATH ? env.HOMEDRIVE + env.HOMEPATH : '') || homedir();
  return join(home, '.intacct', 'credentials.ini');
}

function present(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

export function resolveCredentials(input: {
  explicit?: Partial<Credentials & { endpoint: string }>;
  env?: NodeJS.ProcessEnv;
  profile?: string;
  profileFile?: string;
}): ResolvedCredentials {
  const env = input.env ?? process.env;
  const explicit = input.explicit ?? {};
  const profileNamed = present(input.profile) ? input.profile : present(env.INTACCT_PROFILE) ? env.INTACCT_PROFILE : undefined;
  const profile = profileNamed ?? 'default';
  const profileFile = present(input.profileFile) ? input.profileFile : defaultProfileFile(env);
  const warnings: string[] = [];

  let profileValues: Map<string, string> | undefined;
  let text: string | undefined;
  try {
    text = inputText(readInputFile(profileFile, INPUT_LIMITS.settings));
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    // A missing file (or a missing ~/.intacct folder) just means no profile.
    if (e.reason !== 'missing') {
      throw new ConfigurationError(`Cannot read credentials file ${e.message}`);
    }
  }
  if (text === undefined) {
    // An explicitly named profile must exist; the implicit [default] is optional.
    if (profileNamed !== undefined) {
      throw new ConfigurationError(`Profile "${profile}" not found: credentials file ${profileFile} does not exist`);
    }
  } else {
    const entries = parseIniEntries(text, profileFile, { names: KNOWN_INI_KEYS });
    const section = entries.get(profile);
    if (section) profileValues = new Map([...section].map(([key, entry]) => [key, entry.value]));
    if (!section && profileNamed !== undefined) {
      const known = [...entries.keys()].join(', ') || 'none';
      throw new ConfigurationError(`Profile "${profile}" not found in ${profileFile} (profiles: ${known})`);
    }
    if (process.platform !== 'win32') {
      const mode = statSync(profileFile).mode & 0o777;
      if ((mode & 0o077) !== 0) {
        warnings.push(
          `Credentials file ${profileFile} is readable by other users (mode ${mode.toString(8).padStart(3, '0')}); run: chmod 600 ${profileFile}`,
        );
      }
    }
    for (const [key, entry] of section ?? []) {
      if (!KNOWN_INI_KEYS.has(key)) warnings.push(unknownKeyWarning(key, `${profileFile}:${entry.line}`, profile));
    }
  }

  const result: ResolvedCredentials = { missing: [], sources: {}, warnings, profileFile, profile };
  for (const key of Object.keys(CREDENTIAL_NAMES) as CredentialKey[]) {
    const names = CREDENTIAL_NAMES[key];
    const fromOption = (explicit as Record<string, unknown>)[key];
    let value: string | undefined;
    let source: CredentialSource | undefined;
    if (present(fromOption)) [value, source] = [fromOption, 'option'];
    else if (present(env[names.env])) [value, source] = [env[names.env], 'env'];
    else if (present(profileValues?.get(names.ini))) [value, source] = [profileValues?.get(names.ini), 'profile'];
    if (value !== undefined && source !== undefined) {
      (result as Record<string, unknown>)[key] = value;
      result.sources[key] = source;
    }
  }
  result.missing = REQUIRED_CREDENTIALS.filter((k) => !present(result[k]));
  assertEndpointNotBlank(explicit.endpoint, env, profileValues, `profile [${profile}] of ${profileFile}`);
  return result;
}

/**
 * A blank endpoint at the level that decides it (option, then environment, then profile) would
 * silently mean the production gateway; an empty variable in a pipeline is a mistake to report.
 */
function assertEndpointNotBlank(option: string | undefined, env: NodeJS.ProcessEnv, profile: Map<string, string> | undefined, where: string): void {
  if (present(option)) return;
  const names = CREDENTIAL_NAMES.endpoint;
  const fromEnv = env[names.env];
  if (fromEnv !== undefined) {
    if (fromEnv.trim() === '') throw new ConfigurationError(`${names.env} is set but empty: give the gateway URL, or unset it to use ${DEFAULT_ENDPOINT}`);
    return;
  }
  const fromProfile = profile?.get(names.ini);
  if (fromProfile !== undefined && fromProfile.trim() === '') {
    throw new ConfigurationError(`${names.ini} in ${where} is empty: give the gateway URL, or remove the line to use ${DEFAULT_ENDPOINT}`);
  }
}

/** One line telling the user how to supply the missing values. */
export function describeMissingCredentials(resolved: Pick<ResolvedCredentials, 'missing' | 'profile' | 'profileFile'>): string {
  const parts = resolved.missing.map((k) => {
    const n = CREDENTIAL_NAMES[k as CredentialKey];
    return n ? `${n.label} (${n.env} or ${n.ini})` : k;
  });
  return `Missing Intacct credentials: ${parts.join(', ')} — set them as options, environment variables, or in profile [${resolved.profile}] of ${resolved.profileFile}`;
}

/** The complete Credentials, or a ConfigurationError naming what is missing. */
export function requireCredentials(resolved: ResolvedCredentials): Credentials {
  if (resolved.missing.length > 0) throw new ConfigurationError(describeMissingCredentials(resolved));
  const c: Credentials = {
    senderId: resolved.senderId as string,
    senderPassword: resolved.senderPassword as string,
    companyId: resolved.companyId as string,
    userId: resolved.userId as string,
    userPassword: resolved.userPassword as string,
  };
  if (resolved.entityId) c.entityId = resolved.entityId;
  return c;
}
