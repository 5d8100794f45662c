/**
 * The last line of defence before a snapshot (or anything else) leaves the process: refuse to
 * write it when a known credential value appears anywhere inside. The snapshot types have no
 * place for credentials; this catches one smuggled in through a fact value, an error text or a
 * filter. The error names where it was found, never the value.
 */

export interface NamedSecret {
  /** What it is, for the error message: `sender password`, `session id`. */
  name: string;
  value: string;
}

/**
 * Values shorter than this are not searched for: a 1–3 character string matches ordinary data by
 * chance, and Intacct's password rules do not allow credentials that short.
 */
export const MIN_SECRET_LENGTH = 4;

export class SecretLeakError extends Error {
  readonly kind = 'secret-leak' as const;
  constructor(
    readonly secretName: string,
    readonly path: string,
  ) {
    super(`Refusing to write: the ${secretName} appears in the data at ${path}. Nothing was written.`);
    this.name = 'SecretLeakError';
  }
}

/**
 * Throws SecretLeakError when any secret value occurs in `data` (in a string, as a substring, or
 * in a property name). Empty and very short values are ignored (see MIN_SECRET_LENGTH).
 */
export function assertNoSecrets(data: unknown, secrets: readonly (string | NamedSecret | undefined)[]): void {
  const named = secrets
    .map((s, i): NamedSecret | undefined =>
      s === undefined ? undefined : typeof s === 'string' ? { name: `secret #${i + 1}`, value: s } : s,
    )
    .filter((s): s is NamedSecret => s !== undefined && s.value.length >= MIN_SECRET_LENGTH);
  if (named.length === 0) return;
  const found = findSecret(data, named, '$');
  if (found) throw new SecretLeakError(found.secret.name, found.path);
}

function findSecret(
  value: unknown,
  secrets: NamedSecret[],
  path: string,
): { secret: NamedSecret; path: string } | undefined {
  if (typeof value === 'string') {
    const secret = secrets.find((s) => value.includes(s.value));
    return secret ? { secret, path } : undefined;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    // A numeric password would be stored as a number if a fact parsed it as one.
    const text = String(value);
    const secret = secrets.find((s) => text === s.value);
    return secret ? { secret, path } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findSecret(value[i], secrets, `${path}[${i}]`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    for (const [key, child] of entries) {
      const keyText = String(key);
      const keySecret = secrets.find((s) => keyText.includes(s.value));
      // The path must not quote the key when the key itself is the leak.
      if (keySecret) return { secret: keySecret, path: `${path} (a property name)` };
      const childPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(keyText) ? `.${keyText}` : `[${JSON.stringify(keyText)}]`}`;
      const hit = findSecret(child, secrets, childPath);
      if (hit) return hit;
    }
  }
  return undefined;
}
