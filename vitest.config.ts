import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; end-to-end and cross-process tests live in test/.
// Browser tests share two cores with SwiftShader, so they run one file at a time.
// test/support/run-reporter.ts prints the skipped tests and each file's time at the end, and writes
// .test-report/skipped.json for .ci/run's check that only the Electron-binary tests skipped.
// test/support/generate-validators.ts builds the protocol validators from their schemas first.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', './test/support/run-reporter.ts'],
    globalSetup: ['./test/support/generate-validators.ts'],
  },
});
