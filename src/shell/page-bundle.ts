/**
 * The one esbuild set-up of the pages wallrun serves to Chromium (the wall page, the operator
 * console): every import bundled into one ES module for the Chromium versions we ship with, a
 * linked source map, and the page's static files copied beside it.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from './paths.js';

export interface PageBundle {
  entry: string;
  outDir: string;
  /** The bundle's file name in outDir, e.g. `wall.js`. */
  bundle: string;
  /** Files of `staticDir` copied into outDir as they are. */
  staticDir: string;
  staticFiles: readonly string[];
  minify: boolean;
  /** Third-party licence comments: in a linked file beside the bundle, or left out. */
  legalComments: 'linked' | 'none';
}

export async function bundlePage(p: PageBundle): Promise<void> {
  await mkdir(p.outDir, { recursive: true });
  await build({
    entryPoints: [p.entry],
    outfile: join(p.outDir, p.bundle),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: 'linked',
    minify: p.minify,
    legalComments: p.legalComments,
    logLevel: 'warning',
    absWorkingDir: PACKAGE_ROOT,
  });
  await Promise.all(p.staticFiles.map((f) => copyFile(join(p.staticDir, f), join(p.outDir, f))));
}

/**
 * Runs `buildIt` when `moduleUrl` is the script node was started with (`npm run build:…`), saying
 * in one line where it built or why it failed.
 */
export function runBuildScript(moduleUrl: string, what: string, buildIt: (options: { minify: boolean }) => Promise<string>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  buildIt({ minify: process.argv.includes('--minify') })
    .then((dir) => process.stdout.write(`wallrun: ${what} built into ${dir}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`wallrun: ${what} build failed: ${(err as Error).message}\n`);
      process.exitCode = 1;
    });
}
