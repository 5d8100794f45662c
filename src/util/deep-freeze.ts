/**
 * Freezes a value and everything in it, so no reader can change what another reads (the check kit's
 * constants: every user module shares one kit). A module of its own, with no state, for the kit.
 */
export function deepFreeze<T>(value: T, seen: WeakSet<object> = new WeakSet()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
  return value;
}
