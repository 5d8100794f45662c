/**
 * The integration profile from the command line: each flag over the config file's `integration`
 * key by key. The values are judged by the planner (resolveIntegration), so a flag and a config
 * key with the same mistake get the same message; only the command-line shape is checked here.
 */
import type { IntegrationInput } from '../plan/integration.js';
import { lastString, stringList } from './context.js';
import { UsageError } from './errors.js';
import type { RawArgs } from './parser.js';

/** The integration flags (camelCase, as yargs hands them over). */
const INTEGRATION_FLAGS = ['topLevelSyncing', 'orderEntry', 'purchasing', 'currency', 'dimensions', 'connectedOn'] as const;

/** The integration flags given on this command line, as typed (`--currency`, …). */
export function integrationFlagsGiven(args: RawArgs): string[] {
  return INTEGRATION_FLAGS.filter((k) => args[k] !== undefined).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
}

export function integrationSettings(args: RawArgs, config: IntegrationInput | undefined): IntegrationInput | undefined {
  const out: IntegrationInput = { ...(config ?? {}) };
  for (const key of ['topLevelSyncing', 'orderEntry', 'purchasing'] as const) {
    const v = lastBoolean(args[key]);
    if (v !== undefined) out[key] = v;
  }
  const currency = flagValue(args, 'currency', '--currency', 'a currency code, e.g. AUD');
  if (currency !== undefined) out.currency = currency;
  const connectedOn = flagValue(args, 'connectedOn', '--connected-on', 'the date the integration was connected, YYYY-MM-DD');
  if (connectedOn !== undefined) out.connectedOn = connectedOn;
  const dimensions = stringList(args.dimensions);
  if (dimensions !== undefined) out.dimensions = dimensions;
  return Object.keys(out).length > 0 ? out : undefined;
}

function flagValue(args: RawArgs, key: string, flag: string, what: string): string | undefined {
  const v = lastString(args[key]);
  if (v !== undefined && v.trim() === '') throw new UsageError(`${flag} is empty: give ${what}.`);
  return v?.trim();
}

/** `--order-entry --no-order-entry`: the last one wins, as with every other option. */
function lastBoolean(v: unknown): boolean | undefined {
  const x = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof x === 'boolean' ? x : undefined;
}
