/**
 * Runs work on items at most `jobs` at a time, in the items' order. When the signal fires, no
 * further item starts; the ones under way are awaited (they see the same signal and stop), so
 * nothing is left running behind the caller's back.
 */
export async function runPool<T, R>(
  items: readonly T[],
  jobs: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<R>,
): Promise<{ results: R[]; interrupted: boolean }> {
  const results: R[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted && !failure) {
      const item = items[next++]!;
      try {
        results.push(await work(item));
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  if (failure && !signal?.aborted) throw failure.error;
  return { results, interrupted: signal?.aborted === true };
}
