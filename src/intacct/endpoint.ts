/**
 * Which gateway URLs the client may talk to. Session ids and passwords travel in the request body,
 * so plain HTTP is only acceptable when the traffic never leaves the machine (the sandbox).
 */
import { isIP } from 'node:net';
import { ConfigurationError } from './errors.js';

export const DEFAULT_ENDPOINT = 'https://api.intacct.com/ia/xml/xmlgw.phtml';

/** True for localhost, 127.0.0.0/8 and ::1 (URL.hostname keeps IPv6 brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

/**
 * Returns the normalised endpoint URL, or throws ConfigurationError with a one-line reason.
 * `what` names the setting in the message (e.g. "endpoint" or "session endpoint").
 */
export function validateEndpoint(raw: string | undefined, what = 'endpoint'): string {
  if (raw === undefined || raw.trim() === '') return DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigurationError(`Invalid ${what} "${raw.slice(0, 200)}": not a URL (expected e.g. ${DEFAULT_ENDPOINT})`);
  }
  if (url.username || url.password) {
    throw new ConfigurationError(`Invalid ${what}: the URL must not contain a user name or password`);
  }
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return url.toString();
    throw new ConfigurationError(
      `Refused ${what} ${url.origin}: plain http:// is only allowed to a loopback address (127.0.0.1, localhost, [::1]); use https://`,
    );
  }
  // Only the scheme is shown: for file:, javascript: or data: URLs `origin` is the string "null",
  // and the rest of such a URL is not ours to echo.
  throw new ConfigurationError(`Invalid ${what}: a ${url.protocol} URL; only https:// URLs are allowed (http:// only to loopback), e.g. ${DEFAULT_ENDPOINT}`);
}
