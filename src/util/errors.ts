/**
 * Errors the engine raises for the caller to act on. Each carries a one-line message that says
 * what to fix; the command line maps them to exit codes (usage → 4, abort → 130) without a stack.
 */

/** Bad options or configuration: an unknown check id, a malformed waiver, a bad date. */
export class UsageError extends Error {
  readonly kind = 'usage' as const;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A user check module that cannot be loaded or does not have the check interface. */
export class UserCheckError extends Error {
  readonly kind = 'user-check' as const;
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'UserCheckError';
  }
}

/** The settings catalog file or its overrides are invalid. */
export class CatalogError extends Error {
  readonly kind = 'catalog' as const;
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** The facts the checks declared cannot be ordered (a programming error in the fact catalogue). */
export class PlanError extends Error {
  readonly kind = 'plan' as const;
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** The run was interrupted through its AbortSignal; no partial result is produced. */
export class AbortError extends Error {
  readonly kind = 'abort' as const;
  constructor(message = 'The audit was interrupted.') {
    super(message);
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

/** Settles with `promise`, or rejects with AbortError as soon as `signal` fires. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined); // it is abandoned: its late failure must not go unhandled
    return Promise.reject(new AbortError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      reject(new AbortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * The message of anything thrown, on one line (the client's `oneLine` collapses the whitespace of
 * a text it already has; this one first finds the text of whatever was thrown).
 */
export function errorLine(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : String(e);
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line === '' ? (e instanceof Error ? e.name : 'unknown error') : line;
}
