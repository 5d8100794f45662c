/**
 * The text formats a fleet manifest may be written in, chosen by the file's extension. JSON is
 * built in; YAML is parsed by the `yaml` package when it is installed (it is optional, so a JSON
 * user never needs it). Each parser turns a syntax error into a line and column, never a quote
 * of the text (a manifest may sit next to secrets).
 */
import { extname } from 'node:path';
import { jsonErrorPosition } from '../cli/json-position.js';

export class ManifestSyntaxError extends Error {
  constructor(
    message: string,
    readonly position?: { line: number; column: number },
  ) {
    super(message);
    this.name = 'ManifestSyntaxError';
  }
}

export interface ManifestFormat {
  name: 'JSON' | 'YAML';
  /** The parsed document; throws ManifestSyntaxError. */
  parse(text: string): unknown;
}

const json: ManifestFormat = {
  name: 'JSON',
  parse(text) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ManifestSyntaxError('not valid JSON', jsonErrorPosition(text));
    }
  },
};

/** The `yaml` package's parse, as much of it as is used here. */
type YamlModule = { parse(text: string, options?: Record<string, unknown>): unknown };

async function yamlFormat(): Promise<ManifestFormat | string> {
  const specifier = 'yaml'; // a variable: the package is optional and has no types here
  let mod: YamlModule;
  try {
    mod = (await import(specifier)) as YamlModule;
  } catch {
    return 'YAML manifests need the "yaml" package (npm install yaml), or write the manifest as JSON (.json)';
  }
  return {
    name: 'YAML',
    parse(text) {
      try {
        // Plain data only: no custom tags, and aliases may not blow a small file up.
        return mod.parse(text, { schema: 'core', maxAliasCount: 100, uniqueKeys: true });
      } catch (err) {
        const pos = (err as { linePos?: { line: number; col: number }[] }).linePos?.[0];
        const code = (err as { code?: string }).code;
        throw new ManifestSyntaxError(`not valid YAML${code ? ` (${code.toLowerCase().replace(/_/g, ' ')})` : ''}`, pos ? { line: pos.line, column: pos.col } : undefined);
      }
    },
  };
}

/** The format for `path`, or a one-line reason it cannot be read. */
export async function manifestFormat(path: string): Promise<ManifestFormat | string> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return json;
  if (ext === '.yaml' || ext === '.yml') return yamlFormat();
  return `unknown manifest format "${ext || '(no extension)'}": name it .json, .yaml or .yml`;
}
