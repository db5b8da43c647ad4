/**
 * Whether dist/ is fresh, so `npm start` (bin/build-if-stale.mjs) and `wallrun demo` (the wall
 * page) can skip a build that would change nothing: ~10 s of a quiet 2-core machine, and far more
 * of a busy one, before the demo's first picture.
 *
 * Fresh means: every build output exists and none is older than the newest build input, by
 * modification time (the build rewrites every output each run, so the oldest output is when the
 * last build ran). An input edited, added, or a dependency installed (node_modules/.package-lock.json)
 * since then makes it stale. Test files are not inputs: no build reads them.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LINK_WORKER_FILE } from '../core/page/page-files.js';

/** What `npm run build` reads, relative to the package root (folders are walked). */
export const BUILD_INPUTS = ['src', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.base.json', 'tsconfig.node.json'];
/** What it writes last, one file per step (validators and tsc, the wall page, its worker, the console). */
export const BUILD_OUTPUTS = ['dist/cli/main.js', 'dist/renderer/wall.js', `dist/renderer/${LINK_WORKER_FILE}`, 'dist/console/console.js', 'dist/console/index.html'];
/** What the wall page's bundle reads: the renderer, the core it imports, the dependencies. */
export const WALL_PAGE_INPUTS = ['src/renderer', 'src/core', 'package-lock.json', 'node_modules/.package-lock.json'];
export const WALL_PAGE_OUTPUTS = ['dist/renderer/wall.js', `dist/renderer/${LINK_WORKER_FILE}`, 'dist/renderer/index.html'];

export type Freshness = { fresh: true; builtAt: number } | { fresh: false; why: string };

/** The newest file under `path` (itself, when a file), skipping test files; null when absent. */
function newest(path: string): { file: string; mtimeMs: number } | null {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return null;
  }
  if (!stat.isDirectory()) return /\.test\.ts$/.test(path) ? null : { file: path, mtimeMs: stat.mtimeMs };
  let best: { file: string; mtimeMs: number } | null = null;
  for (const entry of readdirSync(path)) {
    const found = newest(join(path, entry));
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/** Whether `outputs` (relative to `root`) were built after the last change to `inputs`. */
export function freshness(root: string, inputs: readonly string[], outputs: readonly string[]): Freshness {
  let builtAt = Infinity;
  for (const o of outputs) {
    const found = newest(join(root, o));
    if (!found) return { fresh: false, why: `${o} is missing` };
    builtAt = Math.min(builtAt, found.mtimeMs);
  }
  for (const i of inputs) {
    const found = newest(join(root, i));
    if (found && found.mtimeMs > builtAt) return { fresh: false, why: `${relative(root, found.file)} changed since the last build` };
  }
  return { fresh: true, builtAt };
}
