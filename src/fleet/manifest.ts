/**
 * The fleet manifest: which companies to audit, where each one's credentials come from, and its
 * config file and entity. Read and judged completely before any company is contacted: every
 * problem is one line naming the manifest, the company and what to fix (exit 4).
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { describeSchemaErrors, findPasswordKey } from '../cli/config.js';
import { UsageError } from '../cli/errors.js';
import { readAsset } from '../package.js';
import { compileSchema } from '../util/json-schema.js';
import { INPUT_LIMITS, InputFileError, inputText, readInputFile } from '../util/input.js';
import { manifestFormat, ManifestSyntaxError } from './manifest-formats.js';

export type CredentialSource = { profile: string } | { envPrefix: string };

export interface ManifestCompany {
  name: string;
  title?: string;
  credentials: CredentialSource;
  /** Absolute path of its config file (its own, or the manifest's default). */
  config?: string;
  entity?: string;
  /** Position in the manifest (0-based), for messages. */
  index: number;
}

export interface Manifest {
  /** Absolute path. */
  path: string;
  companies: ManifestCompany[];
  /** Identifies the set of companies (names, order ignored): shards of one manifest share it. */
  digest: string;
}

/** How the manifest names a company in a message: `companies[2] "acme"`. */
export function companyLabel(c: Pick<ManifestCompany, 'index' | 'name'>): string {
  return `companies[${c.index}] "${c.name}"`;
}

let validator: ValidateFunction | undefined;

function validate(data: unknown): string[] {
  validator ??= compileSchema(JSON.parse(readAsset('schemas/fleet.schema.json')) as Record<string, unknown>, [], { verbose: true });
  return validator(data) ? [] : describeSchemaErrors(validator.errors ?? []);
}

/** The digest of a set of company names (shared by a run and by merge). */
export function namesDigest(names: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([...names].sort())).digest('hex').slice(0, 16);
}

export async function loadManifest(file: string, cwd: string): Promise<Manifest> {
  const path = resolve(cwd, file);
  const fail = (problem: string): never => {
    throw new UsageError(`Manifest ${file}: ${problem}.`);
  };
  const format = await manifestFormat(path);
  if (typeof format === 'string') fail(format);
  let text = '';
  try {
    // Bounded like every input file: a FIFO is refused without blocking, a huge file unread.
    text = inputText(readInputFile(path, INPUT_LIMITS.settings));
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    fail(err.reason === 'missing' ? 'file not found' : err.reason === 'folder' ? 'is a folder, not a file' : err.detail);
  }
  let data: unknown;
  try {
    data = (format as Exclude<typeof format, string>).parse(text);
  } catch (err) {
    if (!(err instanceof ManifestSyntaxError)) throw err;
    fail(`${err.message}${err.position ? ` at line ${err.position.line}, column ${err.position.column}` : ''}`);
  }
  const passwordKey = findPasswordKey(data, '');
  if (passwordKey !== undefined) {
    fail(`"${passwordKey}" — passwords never go in the manifest; give each company a profile of ~/.intacct/credentials.ini ("profile") or an environment-variable prefix ("envPrefix")`);
  }
  const problems = validate(data);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    fail(`${problems[0]}${more}`);
  }
  const raw = data as { config?: string; companies: Omit<ManifestCompany, 'index'>[] };
  const dir = dirname(path);
  const seen = new Map<string, number>();
  const companies = raw.companies.map((c, index): ManifestCompany => {
    const key = c.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) fail(`companies[${index}].name "${c.name}" repeats companies[${first}].name (each company has its own folder; names are compared ignoring case)`);
    seen.set(key, index);
    const config = c.config ?? raw.config;
    return {
      name: c.name,
      ...(c.title !== undefined ? { title: c.title } : {}),
      credentials: c.credentials,
      ...(config !== undefined ? { config: resolve(dir, config) } : {}),
      ...(c.entity !== undefined ? { entity: c.entity } : {}),
      index,
    };
  });
  return { path, companies, digest: namesDigest(companies.map((c) => c.name)) };
}
