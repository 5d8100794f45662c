/**
 * A small INI reader for the Intacct SDK profile file (~/.intacct/credentials.ini). Supports
 * `[section]`, `key = value`, full-line comments starting with `;` or `#`, inline comments after
 * whitespace, and values in single or double quotes (kept verbatim, so a password may contain
 * `;`, `#` or spaces). Anything else is an error naming file and line.
 */
import { ConfigurationError } from './errors.js';

export type IniSections = Map<string, Map<string, string>>;

export function parseIni(text: string, file: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const where = `${file}:${index + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    const section = /^\[\s*([^\]]*?)\s*\]\s*([;#].*)?$/.exec(line);
    if (section) {
      if (section[1] === '') throw new ConfigurationError(`${where}: empty section name "[]"`);
      current = sections.get(section[1]) ?? new Map();
      sections.set(section[1], current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new ConfigurationError(`${where}: expected "key = value" or "[section]"`);
    const key = line.slice(0, eq).trim().toLowerCase();
    if (!/^[a-z0-9_.-]+$/.test(key)) throw new ConfigurationError(`${where}: invalid key "${key.slice(0, 40)}"`);
    if (!current) throw new ConfigurationError(`${where}: "${key}" appears before any [section]`);
    current.set(key, parseValue(line.slice(eq + 1).trim(), where));
  });
  return sections;
}

function parseValue(rest: string, where: string): string {
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const end = rest.indexOf(quote, 1);
    if (end < 0) throw new ConfigurationError(`${where}: missing closing ${quote} quote`);
    const after = rest.slice(end + 1).trim();
    if (after !== '' && !after.startsWith(';') && !after.startsWith('#')) {
      throw new ConfigurationError(`${where}: unexpected text after the quoted value`);
    }
    return rest.slice(1, end);
  }
  const comment = /\s[;#]/.exec(rest);
  return (comment ? rest.slice(0, comment.index) : rest).trim();
}
