/**
 * Each company's credentials, from its own source only: a profile of ~/.intacct/credentials.ini,
 * or environment variables with the company's prefix. The plain INTACCT_* variables of the
 * machine are never mixed in (one company's password must not sign in to another), and nothing
 * is asked on a terminal: a fleet runs unattended, so whatever is missing is an error up front.
 */
import { CREDENTIAL_NAMES, REQUIRED_CREDENTIALS, defaultProfileFile, requireCredentials, resolveCredentials, type CredentialKey } from '../intacct/credentials.js';
import { validateEndpoint } from '../intacct/endpoint.js';
import type { Credentials } from '../intacct/client.js';
import type { ResolvedConnection } from '../cli/connection.js';
import { UsageError } from '../cli/errors.js';
import { companyLabel, type ManifestCompany } from './manifest.js';
import { errorLine } from '../util/errors.js';

/** Only what locates the profile file: HOME and its Windows equivalents. */
function homeOnly(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const keep = ['HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH'] as const;
  return Object.fromEntries(keep.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
}

function fromPrefix(prefix: string, env: NodeJS.ProcessEnv): { values: Partial<Record<CredentialKey, string>>; missing: string[] } {
  const values: Partial<Record<CredentialKey, string>> = {};
  for (const key of Object.keys(CREDENTIAL_NAMES) as CredentialKey[]) {
    const v = env[`${prefix}${CREDENTIAL_NAMES[key].env}`];
    if (v !== undefined && v !== '') values[key] = v;
  }
  const missing = REQUIRED_CREDENTIALS.filter((k) => values[k] === undefined).map((k) => `${prefix}${CREDENTIAL_NAMES[k].env}`);
  return { values, missing };
}

/** The company's connection; throws UsageError naming the company and what to set. */
export function companyConnection(company: ManifestCompany, env: NodeJS.ProcessEnv, warn: (text: string) => void): ResolvedConnection {
  const who = companyLabel(company);
  let credentials: Credentials;
  let endpoint: string | undefined;
  let sources: Record<string, string>;
  const source = company.credentials;
  if ('envPrefix' in source) {
    const { values, missing } = fromPrefix(source.envPrefix, env);
    if (missing.length > 0) {
      throw new UsageError(`${who}: missing ${missing.join(', ')} in the environment (passwords never go in the manifest).`);
    }
    credentials = {
      senderId: values.senderId!,
      senderPassword: values.senderPassword!,
      companyId: values.companyId!,
      userId: values.userId!,
      userPassword: values.userPassword!,
      ...(values.entityId ? { entityId: values.entityId } : {}),
    };
    endpoint = values.endpoint;
    sources = Object.fromEntries(Object.keys(values).map((k) => [k, `env ${source.envPrefix}*`]));
  } else {
    const profileFile = defaultProfileFile(env);
    try {
      const resolved = resolveCredentials({ profile: source.profile, env: homeOnly(env), profileFile });
      resolved.warnings.forEach(warn);
      credentials = requireCredentials(resolved);
      endpoint = resolved.endpoint;
      sources = Object.fromEntries(Object.keys(resolved.sources).map((k) => [k, `profile [${source.profile}]`]));
    } catch (err) {
      throw new UsageError(`${who}: ${errorLine(err)}.`.replace(/\.\.$/, '.'));
    }
  }
  if (company.entity !== undefined) credentials = { ...credentials, entityId: company.entity };
  try {
    if (endpoint !== undefined) endpoint = validateEndpoint(endpoint);
  } catch (err) {
    throw new UsageError(`${who}: ${errorLine(err)}.`.replace(/\.\.$/, '.'));
  }
  return { credentials, ...(endpoint !== undefined ? { endpoint } : {}), sources };
}
