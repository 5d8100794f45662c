/**
 * A small INI reader for the Intacct SDK profile file (~/.intacct/credentials.ini). Supports
 * `[section]`, `key = value`, full-line comments starting with `;` or `#`, inline comments after
 * whitespace, and values in single or double quotes (kept verbatim, so a password may contain
 * `;`, `#` or spaces). Anything else is an error naming file and line.
 *
 * The file holds passwords, so an error never quotes the line: it names the line number, and a key
 * only when it is one of the `names` the caller knows (a stray password is never mistaken for one).
 */
import { ConfigurationError } from './errors.js';

export type IniSections = Map<string, Map<string, string>>;

/** A value and the line it was set on (for messages about it). */
export interface IniEntry {
  value: string;
  line: number;
}

export interface IniOptions {
  /** Keys that may be named in messages (lower case); no other text of the file is ever quoted. */
  names?: ReadonlySet<string>;
}

export function parseIni(text: string, file: string, opts: IniOptions = {}): IniSections {
  const sections: IniSections = new Map();
  for (const [name, entries] of parseIniEntries(text, file, opts)) {
    sections.set(name, new Map([...entries].map(([key, entry]) => [key, entry.value])));
  }
  return sections;
}

/** Like `parseIni`, with the line each value was set on. */
export function parseIniEntries(text: string, file: string, opts: IniOptions = {}): Map<string, Map<string, IniEntry>> {
  const names = opts.names ?? new Set<string>();
  const sections = new Map<string, Map<string, IniEntry>>();
  let current: Map<string, IniEntry> | undefined;
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
    const key = eq > 0 ? line.slice(0, eq).trim().toLowerCase() : '';
    if (eq <= 0 || !/^[a-z0-9_.-]+$/.test(key)) {
      // The text before "=" (or the whole line) may be a password: name a known key it starts with, nothing else.
      const lead = /^[A-Za-z0-9_.-]+/.exec(line)?.[0].toLowerCase();
      if (lead !== undefined && names.has(lead)) {
        throw new ConfigurationError(`${where}: ${lead} must be followed by "=" (write: ${lead} = value)`);
      }
      throw new ConfigurationError(
        eq <= 0 ? `${where}: expected "key = value" or "[section]"` : `${where}: invalid key before "=" (keys are letters, digits, "_", "." and "-")`,
      );
    }
    if (!current) throw new ConfigurationError(`${where}: ${names.has(key) ? `"${key}"` : 'a key'} appears before any [section]`);
    current.set(key, { value: parseValue(line.slice(eq + 1).trim(), where), line: index + 1 });
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
