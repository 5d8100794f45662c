/**
 * The text formats a fleet manifest may be written in, chosen by the file's extension: JSON, and
 * YAML (the `yaml` package, loaded only for a YAML manifest). Each parser turns a syntax error into
 * a line and column, never a quote of the text (a manifest may sit next to secrets).
 */
import { extname } from 'node:path';
import { jsonErrorPosition } from '../util/json-position.js';

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

async function yamlFormat(): Promise<ManifestFormat> {
  // Loaded only for a YAML manifest.
  const { parse } = await import('yaml');
  return {
    name: 'YAML',
    parse(text) {
      try {
        // Plain data only: the core schema, no custom tags, and aliases may not blow a small file up.
        return parse(text, { schema: 'core', maxAliasCount: 100, uniqueKeys: true });
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
