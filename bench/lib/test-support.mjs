/**
 * The test helpers a bench shares with the tests (test/support/*.ts), which are not part of dist/:
 * bundled once per run with esbuild into a module under node_modules/.cache and imported from there.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Imports test/support/<name>.ts, e.g. testSupport('wall-fixtures') for makeWall. */
export async function testSupport(name) {
  // Inside the package (node_modules/.cache), so the bundle's external packages resolve from node_modules.
  const dir = join(ROOT, 'node_modules/.cache/wallrun-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(mkdtempSync(join(dir, 'support-')), `${name}.mjs`);
  await build({ entryPoints: [join(ROOT, 'test/support', `${name}.ts`)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}
