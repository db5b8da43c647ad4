import { defineConfig } from 'vitest/config';
import { SLOW_SUITES } from './vitest.config.js';

// `npm run test:slow`: the suites that are slow by nature (load, soak, long fuzzing, whole-wall
// scale), named *.slow.test.ts and left out of `npm test`. .ci/run runs them after `npm test`; the
// run reporter writes this run's skipped tests and file times to .test-report/slow/, which
// .ci/check-skips.mjs checks as it checks the main run's.
export default defineConfig({
  test: {
    include: SLOW_SUITES,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', ['./test/support/run-reporter.ts', { dir: '.test-report/slow' }]],
    globalSetup: ['./test/support/generate-validators.ts'],
  },
});
