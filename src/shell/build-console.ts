/**
 * Builds the operator console (src/console) into dist/console: esbuild bundles main.ts (with
 * socket.io-client) into console.js; the page and its stylesheet are copied beside it. The hub
 * serves that folder at /console/ (src/hub/console.ts). Run by `npm run build:console` and by the
 * console tests.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from './paths.js';

export const CONSOLE_SRC = join(PACKAGE_ROOT, 'src', 'console');
export const CONSOLE_OUT = join(PACKAGE_ROOT, 'dist', 'console');

/** Builds the console into `outDir` (default dist/console); returns that folder. */
export async function buildConsole(options: { outDir?: string; minify?: boolean } = {}): Promise<string> {
  const outDir = options.outDir ?? CONSOLE_OUT;
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(CONSOLE_SRC, 'main.ts')],
    outfile: join(outDir, 'console.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: 'linked',
    minify: options.minify ?? false,
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: PACKAGE_ROOT,
  });
  await copyFile(join(CONSOLE_SRC, 'index.html'), join(outDir, 'index.html'));
  await copyFile(join(CONSOLE_SRC, 'console.css'), join(outDir, 'console.css'));
  await copyFile(join(CONSOLE_SRC, 'favicon.svg'), join(outDir, 'favicon.svg'));
  return outDir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildConsole({ minify: process.argv.includes('--minify') })
    .then((dir) => process.stdout.write(`wallrun: console built into ${dir}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`wallrun: console build failed: ${(err as Error).message}\n`);
      process.exitCode = 1;
    });
}
