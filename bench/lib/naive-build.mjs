/**
 * Builds the naive page (bench/naive) into a temporary folder the browser shell can serve as its
 * renderer folder: index.html, naive.css, the bundled script as wall.js (the name the shell checks
 * for), and the wall's own bundled fonts (dist/renderer/fonts) with an @font-face sheet, so both
 * pages draw text in the same face. esbuild bundles d3 and hls.js in about a second.
 */
import { copyFile, cp, mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';

const NAIVE_SRC = fileURLToPath(new URL('../naive/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Returns the folder to pass as `rendererDir`; the caller removes it. */
export async function buildNaivePage() {
  const out = await mkdtemp(join(os.tmpdir(), 'wallrun-bench-naive-'));
  const result = await build({
    entryPoints: [join(NAIVE_SRC, 'naive.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    outfile: join(out, 'wall.js'),
    logLevel: 'warning',
    metafile: true,
  }).finally(() => stop()); // esbuild's service process must not outlive the build
  await copyFile(join(NAIVE_SRC, 'index.html'), join(out, 'index.html'));
  await copyFile(join(NAIVE_SRC, 'naive.css'), join(out, 'naive.css'));
  const fontsDir = join(ROOT, 'dist', 'renderer', 'fonts');
  let css = '';
  if (existsSync(fontsDir)) {
    await cp(fontsDir, join(out, 'fonts'), { recursive: true });
    const { FONT_FAMILY, FONT_FILES } = await import(join(ROOT, 'dist', 'core', 'page', 'font-faces.js'));
    css = FONT_FILES.map(
      (f) => `@font-face { font-family: '${FONT_FAMILY}'; font-weight: ${f.weight}; font-style: normal; src: url('fonts/${f.file}') format('woff2'); unicode-range: ${f.unicodeRange}; }`,
    ).join('\n');
  }
  await writeFile(join(out, 'fonts.css'), `${css}\n`);
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  return { dir: out, bundleBytes: bytes };
}
