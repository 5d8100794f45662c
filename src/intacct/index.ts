/** Public surface of the Intacct gateway client. */
export { IntacctClient } from './client.js';
export type { ClientEvent, ClientOptions, ClientStats, Credentials, FunctionOutcome, SessionInfo } from './client.js';
export * from './errors.js';
export { READ_FUNCTION_ALLOWLIST, assertReadFunction, isReadFunctionName } from './allowlist.js';
export { DEFAULT_ENDPOINT, isLoopbackHost, validateEndpoint } from './endpoint.js';
export {
  CREDENTIAL_NAMES,
  defaultProfileFile,
  describeMissingCredentials,
  requireCredentials,
  resolveCredentials,
} from './credentials.js';
export type { CredentialKey, CredentialSource, ResolvedCredentials } from './credentials.js';
export { parseIni } from './ini.js';
export { createDispatcher, DEFAULT_MAX_RESPONSE_BYTES } from './http.js';
export { REDACTED, SENSITIVE_ELEMENTS, SecretScrubber, redactXmlElements } from './redact.js';
export { DEFAULT_RETRY_POLICY, backoffDelay, parseRetryAfter } from './retry.js';
export type { RetryPolicy } from './retry.js';
export { buildRequest, functionNode } from './envelope.js';
export { USER_AGENT, CLIENT_VERSION } from './version.js';
export type * from './functions.js';
