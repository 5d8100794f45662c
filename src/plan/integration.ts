/**
 * The integration profile: how Re-Leased is set up for the company, which is what the checks judge
 * against. Given as a partial profile (config `integration`, command-line flags, a snapshot's
 * saved profile) and resolved here, once, with its defaults, so every check reads the same
 * `ctx.integration`; a profile that cannot describe a real set-up is a usage error.
 */
import type { IntegrationProfile } from '../model/check.js';
import { UsageError } from '../util/errors.js';
import { isIsoDate } from './policy.js';

/** The profile as given: every key optional (config file, flags, library options). */
export type IntegrationInput = Partial<IntegrationProfile>;

/** The dimension Re-Leased sends on every line when nothing else is said: the property's location. */
export const DEFAULT_DIMENSIONS: readonly string[] = ['LOCATION'];

const CURRENCY = /^[A-Z]{3}$/;
const DIMENSION = /^[A-Z][A-Z0-9_]*$/;

/**
 * The profile in force. `signedInEntity` is the entity the audit signs in at (`--entity-id`,
 * INTACCT_ENTITY_ID, the credentials profile): Re-Leased's entity when the profile names none.
 * Top-level syncing defaults to on when no entity is connected, off when one is.
 */
export function resolveIntegration(input: IntegrationInput = {}, signedInEntity?: string): IntegrationProfile {
  const entity = nonEmpty(input.entity, 'integration.entity', 'an entity id') ?? nonEmpty(signedInEntity, 'entity-id', 'an entity id');
  const topLevelSyncing = input.topLevelSyncing ?? entity === undefined;
  if (typeof topLevelSyncing !== 'boolean') throw new UsageError(`integration.topLevelSyncing must be true or false (got ${JSON.stringify(topLevelSyncing)}).`);
  if (!topLevelSyncing && entity === undefined) {
    throw new UsageError(
      'integration.topLevelSyncing is false (--no-top-level-syncing: Re-Leased creates records in the entity it is connected to), but no entity is connected: set integration.entity, --entity-id or INTACCT_ENTITY_ID.',
    );
  }
  for (const key of ['orderEntry', 'purchasing'] as const) {
    const v = input[key];
    if (v !== undefined && typeof v !== 'boolean') throw new UsageError(`integration.${key} must be true or false (got ${JSON.stringify(v)}).`);
  }
  if (input.currency !== undefined && (typeof input.currency !== 'string' || !CURRENCY.test(input.currency))) {
    throw new UsageError(`integration.currency (--currency) must be a currency code of three upper-case letters, e.g. AUD (got ${JSON.stringify(input.currency)}).`);
  }
  if (input.connectedOn !== undefined && !isIsoDate(input.connectedOn)) {
    throw new UsageError(`integration.connectedOn (--connected-on) must be a real date written YYYY-MM-DD (got ${JSON.stringify(input.connectedOn)}).`);
  }
  return {
    ...(entity !== undefined ? { entity } : {}),
    topLevelSyncing,
    ...(input.orderEntry !== undefined ? { orderEntry: input.orderEntry } : {}),
    ...(input.purchasing !== undefined ? { purchasing: input.purchasing } : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    dimensions: dimensions(input.dimensions),
    ...(input.connectedOn !== undefined ? { connectedOn: input.connectedOn } : {}),
  };
}

/** Dimension ids as Intacct spells them (upper case), in the order given, each once. */
function dimensions(given: unknown): string[] {
  if (given === undefined) return [...DEFAULT_DIMENSIONS];
  if (!Array.isArray(given) || given.length === 0) {
    throw new UsageError('integration.dimensions (--dimensions) must list at least one dimension Re-Leased sends on lines, e.g. LOCATION.');
  }
  const out: string[] = [];
  for (const d of given) {
    const id = typeof d === 'string' ? d.trim().toUpperCase() : '';
    if (!DIMENSION.test(id)) {
      throw new UsageError(`integration.dimensions (--dimensions): ${JSON.stringify(d)} is not a dimension id (ids look like LOCATION, DEPARTMENT, PROJECT, CLASS).`);
    }
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

function nonEmpty(value: unknown, name: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${name} must be ${what} (got ${JSON.stringify(value)}).`);
  return value.trim();
}
