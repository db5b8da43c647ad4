/**
 * Builds the wall page: esbuild bundles src/renderer/main.ts into dist/renderer/wall.js and the hub
 * link's worker into hub-link-worker.js; the page, its stylesheet and the bundled Be Vietnam Pro faces (vietnamese + latin, 400/600/700) are
 * copied beside it. Run by `npm run build:renderer`, by the test harness and by `wallrun render`
 * when dist/renderer is missing.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FONT_FILES, FONT_PACKAGE } from '../core/page/font-faces.js';
import { LINK_WORKER_FILE } from '../core/page/page-files.js';
import { bundlePage, runBuildScript } from './page-bundle.js';
import { PACKAGE_ROOT, RENDERER_DIST, RENDERER_SRC } from './paths.js';

export interface BuildRendererOptions {
  outDir?: string;
  minify?: boolean;
}

/** Builds the page into `outDir` (default dist/renderer); returns that folder. */
export async function buildRenderer(options: BuildRendererOptions = {}): Promise<string> {
  const outDir = options.outDir ?? RENDERER_DIST;
  await bundlePage({
    entry: join(RENDERER_SRC, 'main.ts'),
    outDir,
    bundle: 'wall.js',
    staticDir: RENDERER_SRC,
    staticFiles: ['index.html', 'wall.css'],
    minify: options.minify ?? false,
    legalComments: 'linked',
  });
  // The hub link's sockets run in a worker, off the render path (src/renderer/net/socket-host.ts).
  await bundlePage({
    entry: join(RENDERER_SRC, 'net', 'socket-worker.ts'),
    outDir,
    bundle: LINK_WORKER_FILE,
    staticDir: RENDERER_SRC,
    staticFiles: [],
    minify: options.minify ?? false,
    legalComments: 'linked',
  });
  await mkdir(join(outDir, 'fonts'), { recursive: true });
  const fontDir = fontPackageFiles();
  await Promise.all(FONT_FILES.map((f) => copyFile(join(fontDir, f.file), join(outDir, 'fonts', f.file))));
  return outDir;
}

/** The font package's files/ folder, found the way Node resolves the package. */
export function fontPackageFiles(): string {
  const require = createRequire(join(PACKAGE_ROOT, 'package.json'));
  return join(dirname(require.resolve(`${FONT_PACKAGE}/package.json`)), 'files');
}

runBuildScript(import.meta.url, 'renderer', buildRenderer);
