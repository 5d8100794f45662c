/** The package version, for the User-Agent header. */
import { packageVersion } from '../package.js';

export const CLIENT_VERSION = packageVersion();
export const USER_AGENT = `intacct-preflight/${CLIENT_VERSION}`;
