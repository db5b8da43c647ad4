/**
 * Where the package's files are at run time. This file lives two folders below the package root
 * both as source (src/shell/) and compiled (dist/shell/), so one relative URL serves both.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIST = join(PACKAGE_ROOT, 'dist', 'renderer');
export const RENDERER_SRC = join(PACKAGE_ROOT, 'src', 'renderer');
/** Where Chromium is expected; WALLRUN_CHROMIUM overrides it. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
