#!/usr/bin/env node
// `npm run fuzz [-- --seed N] [-- --runs N] [-- <vitest filter>]`: the fuzz targets of test/fuzz in
// their long mode (FUZZ_RUNS, 10,000 runs per target unless --runs says more; larger inputs and the
// shipped files), with a random seed printed first so a failure replays with `--seed N`. Each target
// prints its count and time (FUZZ_REPORT).
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  if (!/^\d+$/.test(value ?? '')) {
    console.error(`${name} needs a whole number`);
    process.exit(2);
  }
  return Number(value);
};
const seed = option('--seed') ?? randomInt(2 ** 31 - 1);
const runs = Math.max(option('--runs') ?? 10_000, 1001);
console.log(`fuzz: seed ${seed}, ${runs} runs per target (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', '--testTimeout=0', '--reporter=default', ...(args.length ? args : ['test/fuzz'])], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_RUNS: String(runs), FUZZ_REPORT: '1' },
});
console.log(`fuzz: ${((Date.now() - started) / 1000).toFixed(0)} s in all, seed ${seed}${result.status ? ' — FAILED: replay with the seed above' : ''}`);
process.exit(result.status ?? 1);
