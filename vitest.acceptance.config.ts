import { defineConfig } from 'vitest/config';
import { ACCEPTANCE_SUITES } from './vitest.config.js';

// `npm run test:acceptance`: acceptance tests of promises the product does not keep yet on this
// machine (docs/reliability.md, "Starvation"), kept runnable so the work that closes them can be
// measured; outside `npm test` and `.ci/run` until they pass.
export default defineConfig({
  test: {
    include: ACCEPTANCE_SUITES,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default'],
    globalSetup: ['./test/support/generate-validators.ts'],
  },
});
