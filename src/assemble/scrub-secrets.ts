/**
 * The secrets a run holds (the passwords it signed in with, the session ids it was given) never
 * reach a report: whatever a check put in a summary, an evidence note or a sample (a user check's
 * code can put anything there), every text of the finished result is scrubbed with the client's
 * scrubber, the one that already keeps them out of errors and the debug log. Applied once, to the
 * result every report is rendered from; snapshots refuse a secret outright instead (secrets.ts).
 */

/** `value` with every string (and property name) passed through `scrub`; parts where nothing changes are kept as they are. */
export function scrubSecrets<T>(value: T, scrub: (text: string) => string): T {
  return copy(value, scrub) as T;
}

function copy(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => copy(v, scrub));
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, v]) => {
    const k = scrub(key);
    const c = copy(v, scrub);
    if (k !== key || c !== v) changed = true;
    return [k, c] as const;
  });
  if (!changed) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}
