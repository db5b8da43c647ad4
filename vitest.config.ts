import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests sit beside the code; end-to-end and cross-process tests live in test/.
// Browser tests share two cores with SwiftShader, so they run one file at a time.
// test/support/run-reporter.ts prints the skipped tests and each file's time at the end, and writes
// .test-report/skipped.json for .ci/run's check that only the Electron-binary tests skipped.
// Slow suites by nature (load, soak, long fuzzing, whole-wall scale) are named *.slow.test.ts and
// run by `npm run test:slow` (vitest.slow.config.ts), which .ci/run runs after `npm test`.
export const SLOW_SUITES = ['src/**/*.slow.test.ts', 'test/**/*.slow.test.ts'];

// test/support/generate-validators.ts builds the protocol validators from their schemas first.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...SLOW_SUITES],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', './test/support/run-reporter.ts'],
    globalSetup: ['./test/support/generate-validators.ts'],
  },
});
