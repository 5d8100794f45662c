/**
 * fleet.json in and out: written from the index model, read back (by `fleet merge`) only after
 * validation against schemas/fleet-index.schema.json, so a hand-edited or truncated file is one
 * line saying what is wrong rather than a broken index.
 */
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { UsageError } from '../cli/errors.js';
import { readAsset } from '../package.js';
import { compileSchema, describeSchemaError } from '../util/json-schema.js';
import { FLEET_SCHEMA_VERSION, type FleetIndex } from './index-model.js';

export const INDEX_FILES = { html: 'index.html', json: 'fleet.json', md: 'fleet.md' } as const;

let validator: ValidateFunction | undefined;

/** Problems of a parsed fleet.json against its schema (`path: message`), none when it is valid. */
export function fleetIndexProblems(data: unknown): string[] {
  validator ??= compileSchema(JSON.parse(readAsset('schemas/fleet-index.schema.json')) as Record<string, unknown>, ['date-time']);
  return validator(data) ? [] : [...new Set((validator.errors ?? []).map(describeSchemaError))];
}

export function renderFleetJson(index: FleetIndex): string {
  return `${JSON.stringify(index, null, 2)}\n`;
}

export function readFleetIndex(path: string, shown: string): FleetIndex {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${shown}: ${code === 'ENOENT' ? 'no fleet.json here — give the output folder of a fleet run' : `cannot be read (${code ?? 'error'})`}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${shown}: not JSON — is it the fleet.json a fleet run wrote?`);
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > FLEET_SCHEMA_VERSION) {
    throw new UsageError(`${shown}: written by a newer intacct-preflight (fleet schemaVersion ${version}); upgrade to merge it.`);
  }
  const problems = fleetIndexProblems(data);
  if (problems.length > 0) throw new UsageError(`${shown}: not a valid fleet index: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}.`);
  return data as FleetIndex;
}
