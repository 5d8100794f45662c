/**
 * fleet.json in and out: written from the index model, read back (by `fleet merge`) only after
 * validation against schemas/fleet-index.schema.json, so a hand-edited or truncated file is one
 * line saying what is wrong rather than a broken index.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { UsageError } from '../cli/errors.js';
import { readAsset } from '../package.js';
import { INPUT_LIMITS, InputFileError, inputText, parseInputJson, readInputFile } from '../util/input.js';
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
  let data: unknown;
  try {
    // Bounded like every input file: a FIFO is refused without blocking, a huge file unread.
    data = parseInputJson(shown, inputText(readInputFile(path, INPUT_LIMITS.data)));
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    if (err.reason === 'missing') throw new UsageError(`${shown}: no fleet.json here — give the output folder of a fleet run.`);
    if (err.reason === 'not-json') throw new UsageError(`${shown}: not JSON — is it the fleet.json a fleet run wrote?`);
    throw new UsageError(`${shown}: ${err.detail}.`);
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > FLEET_SCHEMA_VERSION) {
    throw new UsageError(`${shown}: written by a newer intacct-preflight (fleet schemaVersion ${version}); upgrade to merge it.`);
  }
  const problems = fleetIndexProblems(data);
  if (problems.length > 0) throw new UsageError(`${shown}: not a valid fleet index: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}.`);
  return data as FleetIndex;
}
