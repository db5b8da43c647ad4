import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests sit beside the code; end-to-end and cross-process tests live in test/.
// Two projects, run one after the other (sequence.groupOrder): the unit tests under src/ first,
// two files at a time (in-process, loopback servers on free ports: nothing shared between files),
// then test/, one file at a time, because its browser tests share two cores with SwiftShader.
// test/support/run-reporter.ts prints the skipped tests and each file's time at the end, and writes
// .test-report/skipped.json for .ci/run's check that only the Electron-binary tests skipped.
// Slow suites by nature (load, soak, long fuzzing, whole-wall scale) are named *.slow.test.ts and
// run by `npm run test:slow` (vitest.slow.config.ts), which .ci/run runs after `npm test`.
export const SLOW_SUITES = ['src/**/*.slow.test.ts', 'test/**/*.slow.test.ts'];

const shared = {
  exclude: [...configDefaults.exclude, ...SLOW_SUITES],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// test/support/generate-validators.ts builds the protocol validators from their schemas first.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/run-reporter.ts'],
    globalSetup: ['./test/support/generate-validators.ts'],
    projects: [
      { extends: true, test: { ...shared, name: 'unit', include: ['src/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { extends: true, test: { ...shared, name: 'e2e', include: ['test/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
