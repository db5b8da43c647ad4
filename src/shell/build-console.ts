/**
 * Builds the operator console (src/console) into dist/console: esbuild bundles main.ts (with
 * socket.io-client) into console.js; the page and its stylesheet are copied beside it. The hub
 * serves that folder at /console/ (src/hub/console.ts). Run by `npm run build:console` and by the
 * console tests.
 */
import { join } from 'node:path';
import { bundlePage, runBuildScript } from './page-bundle.js';
import { PACKAGE_ROOT } from './paths.js';

export const CONSOLE_SRC = join(PACKAGE_ROOT, 'src', 'console');
export const CONSOLE_OUT = join(PACKAGE_ROOT, 'dist', 'console');

/** Builds the console into `outDir` (default dist/console); returns that folder. */
export async function buildConsole(options: { outDir?: string; minify?: boolean } = {}): Promise<string> {
  const outDir = options.outDir ?? CONSOLE_OUT;
  await bundlePage({
    entry: join(CONSOLE_SRC, 'main.ts'),
    outDir,
    bundle: 'console.js',
    staticDir: CONSOLE_SRC,
    staticFiles: ['index.html', 'console.css', 'favicon.svg'],
    minify: options.minify ?? false,
    legalComments: 'none',
  });
  return outDir;
}

runBuildScript(import.meta.url, 'console', buildConsole);
