/**
 * Signing in before anything is read. A sign-in that fails is not an exception for the caller: it
 * is the finding of the connection check, and the audit still produces a result saying why. Bad
 * options (exit 4) and an interrupt are thrown, because they are not results.
 */
import type { IntacctClient } from '../intacct/client.js';
import { AbortError, errorLine, raceAbort } from '../util/errors.js';

export type ConnectProgress = { type: 'connect'; phase: 'start' | 'done' | 'failed'; endpointHost: string; message?: string };

/** Why the sign-in failed: one line, and the error (its `kind` and `reason` become evidence). */
export interface SignInFailure {
  message: string;
  error: unknown;
}

export async function signIn(
  client: IntacctClient,
  endpointHost: string,
  opts: { signal?: AbortSignal; onProgress?: (e: ConnectProgress) => void },
): Promise<SignInFailure | undefined> {
  opts.onProgress?.({ type: 'connect', phase: 'start', endpointHost });
  try {
    await raceAbort(client.connect(), opts.signal);
  } catch (e) {
    if (e instanceof AbortError || (e as { kind?: string })?.kind === 'config') throw e;
    const message = errorLine(e);
    opts.onProgress?.({ type: 'connect', phase: 'failed', endpointHost, message });
    return { message, error: e };
  }
  opts.onProgress?.({ type: 'connect', phase: 'done', endpointHost });
  return undefined;
}
