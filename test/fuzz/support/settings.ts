/**
 * How hard the fuzz targets run. `npm test` runs each target FUZZ_DEFAULT_RUNS times with a fixed
 * seed (the same inputs every time); `npm run fuzz` (test/fuzz/run-fuzz.mjs) sets FUZZ_RUNS and
 * FUZZ_SEED (random unless `--seed N`, printed so a failure replays) and FUZZ_REPORT, which makes
 * each target print its count and time.
 */
import fc from 'fast-check';

export const FUZZ_DEFAULT_RUNS = 1000;
/** The seed `npm test` uses. */
export const FUZZ_DEFAULT_SEED = 20261207;

const runsEnv = Number(process.env.FUZZ_RUNS);
const seedEnv = Number(process.env.FUZZ_SEED);
export const FUZZ_RUNS = Number.isInteger(runsEnv) && runsEnv > 0 ? runsEnv : FUZZ_DEFAULT_RUNS;
export const FUZZ_SEED = Number.isInteger(seedEnv) ? seedEnv : FUZZ_DEFAULT_SEED;
/** The long mode: besides more runs, larger inputs (megabyte strings, deeper nesting, the shipped files). */
export const FUZZ_LONG = FUZZ_RUNS > FUZZ_DEFAULT_RUNS;
/** Sizes of the huge inputs: cheap ones in `npm test`, up to the loaders' 1 MiB cap in the long mode. */
export const HUGE = FUZZ_LONG ? { text: 1_100_000, string: 200_000, depth: 20_000, nesting: 300 } : { text: 20_000, string: 20_000, depth: 2_000, nesting: 100 };
/**
 * Wall-clock time one input may take before it counts as a hang (sync code cannot be interrupted).
 * Generous, so a machine busy with other work does not fail a run: the hangs this catches took
 * minutes (a quadratic regular expression on a 1 MB value).
 */
export const FUZZ_RUN_BUDGET_MS = 10_000;

/**
 * A vitest timeout for FUZZ_RUNS inputs of a target at `share` × 100 ms each; none in the long mode,
 * whose inputs are timed one by one (FUZZ_RUN_BUDGET_MS) and whose total depends on the machine.
 */
export function fuzzTimeout(share = 1): number {
  return FUZZ_LONG ? 86_400_000 : Math.max(120_000, FUZZ_RUNS * 100 * share);
}

/**
 * Runs `property` over `arbitrary` FUZZ_RUNS times with FUZZ_SEED; each input is timed (a slow one
 * fails as a hang). fast-check shrinks a failure and reports its seed and path to replay it.
 */
export function fuzz<T>(target: string, arbitrary: fc.Arbitrary<T>, property: (input: T) => void, runs = FUZZ_RUNS): void {
  const started = performance.now();
  fc.assert(
    fc.property(arbitrary, (input) => {
      const t0 = performance.now();
      property(input);
      const took = performance.now() - t0;
      if (took > FUZZ_RUN_BUDGET_MS) throw new Error(`${target}: one input took ${Math.round(took)} ms (budget ${FUZZ_RUN_BUDGET_MS} ms): a hang`);
    }),
    { seed: FUZZ_SEED, numRuns: runs },
  );
  if (process.env.FUZZ_REPORT) {
    const ms = performance.now() - started;
    process.stdout.write(`fuzz ${target}: ${runs} runs in ${(ms / 1000).toFixed(1)} s (seed ${FUZZ_SEED})\n`);
  }
}
