/** Exponential backoff with jitter: attempt 0 waits about baseMs, doubling up to maxMs. */
export function backoffDelay(
  attempt: number,
  o: { baseMs: number; maxMs: number; jitter?: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(o.maxMs, o.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  const jitter = o.jitter ?? 0;
  return Math.round(ceiling * (1 - jitter * random()));
}
