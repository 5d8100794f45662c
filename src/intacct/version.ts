/** The package version, for the User-Agent header. Works from src/ (tests) and dist/src/ (build). */
import { readFileSync } from 'node:fs';

function findVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'intacct-preflight' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const CLIENT_VERSION = findVersion();
export const USER_AGENT = `intacct-preflight/${CLIENT_VERSION}`;
