/**
 * The test helpers a bench shares with the tests (test/support/*.ts), which are not part of dist/:
 * bundled once per run with esbuild into a temp module and imported from there.
 */
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Imports test/support/<name>.ts, e.g. testSupport('wall-fixtures') for makeWall. */
export async function testSupport(name) {
  const outfile = join(mkdtempSync(join(tmpdir(), 'wallrun-bench-support-')), `${name}.mjs`);
  await build({ entryPoints: [join(ROOT, 'test/support', `${name}.ts`)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}
