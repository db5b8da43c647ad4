// Vitest global setup: the protocol validators are generated code (src/shell/build-validators.ts,
// gitignored), so a test run from a fresh clone, or after a schema change, regenerates them first.
import { buildValidators } from '../../src/shell/build-validators.js';

export default async function setup(): Promise<void> {
  await buildValidators();
}
