/**
 * Which shell this machine can show the wall in: the Electron kiosk (its binary, found the way
 * node_modules/electron/index.js finds it, without requiring that file: it would try to download
 * the binary) or the system Chromium (for the browser shell), and whether there is a display.
 *
 * Overrides: WALLRUN_ELECTRON (path of the Electron binary; `none` for none), WALLRUN_CHROMIUM
 * (path of Chromium; when set, nothing else is searched). Both also let tests point the lookups
 * at nowhere.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { DEFAULT_CHROMIUM } from './paths.js';

export type Found = { path: string } | { reason: string };

type Env = Readonly<Record<string, string | undefined>>;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first of `names` on PATH. */
function onPath(names: readonly string[], env: Env): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) for (const dir of dirs) if (isFile(join(dir, name))) return join(dir, name);
  return undefined;
}

/** node_modules/electron's folder, wherever npm put it (resolving package.json runs nothing). */
function electronPackageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

export function findElectron(env: Env = process.env, pkgDir: string | undefined = electronPackageDir()): Found {
  const forced = env.WALLRUN_ELECTRON;
  if (forced !== undefined && forced !== '') {
    if (forced === 'none') return { reason: 'WALLRUN_ELECTRON=none' };
    return isFile(forced) ? { path: forced } : { reason: `WALLRUN_ELECTRON=${forced}: no such file` };
  }
  const pathTxt = pkgDir ? join(pkgDir, 'path.txt') : undefined;
  const name = pathTxt && existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name ?? 'electron') : name && pkgDir ? join(pkgDir, 'dist', name) : undefined;
  if (!binary) return { reason: 'the Electron binary is not installed (npm did not download it: no node_modules/electron/path.txt)' };
  if (!isFile(binary)) return { reason: `the Electron binary is missing at ${binary}` };
  return { path: binary };
}

/** `defaultPath`: where Chromium is looked for before PATH (a parameter so tests can make PATH alone decide). */
export function findChromium(env: Env = process.env, defaultPath: string = DEFAULT_CHROMIUM): Found {
  const forced = env.WALLRUN_CHROMIUM;
  if (forced !== undefined && forced !== '') {
    return isFile(forced) ? { path: forced } : { reason: `WALLRUN_CHROMIUM=${forced}: no such file` };
  }
  if (isFile(defaultPath)) return { path: defaultPath };
  const found = onPath(['chromium', 'chromium-browser'], env);
  return found ? { path: found } : { reason: `no Chromium at ${defaultPath} nor on PATH (chromium, chromium-browser)` };
}

/** Whether windows can be shown: X11 or Wayland (Linux), always elsewhere. */
export function hasDisplay(env: Env = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export type ShellChoice =
  | { kind: 'electron'; binary: string }
  | { kind: 'browser'; chromium: string; headless: boolean; note?: string }
  | { kind: 'none'; message: string };

export interface ShellWish {
  /** `auto` (default): Electron where it can open windows, else the browser shell. */
  shell?: 'auto' | 'electron' | 'browser';
  headless?: boolean;
}

/**
 * The shell for the demo. Electron needs a display and has no headless mode, so without one (or
 * with --headless) the browser shell runs headless; without either shell, a message saying how to
 * get one.
 */
export function chooseShell(wish: ShellWish, electron: Found, chromium: Found, display: boolean): ShellChoice {
  const shell = wish.shell ?? 'auto';
  const howTo =
    'Install one of them: the system Chromium (Debian/Ubuntu: sudo apt-get install chromium; or set WALLRUN_CHROMIUM ' +
    'to its path), or Electron\'s binary (npm rebuild electron, or node node_modules/electron/install.js, with network access).';
  if (shell !== 'browser' && 'path' in electron && display && !wish.headless) return { kind: 'electron', binary: electron.path };
  if (shell === 'electron') {
    const why = 'reason' in electron ? electron.reason : wish.headless ? 'Electron has no headless mode' : 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
    return { kind: 'none', message: `wallrun demo: cannot use Electron: ${why}.` };
  }
  if ('path' in chromium) {
    if (display && !wish.headless) return { kind: 'browser', chromium: chromium.path, headless: false };
    const note = wish.headless
      ? 'headless (--headless)'
      : 'no display (DISPLAY/WAYLAND_DISPLAY unset), so Chromium runs headless';
    return { kind: 'browser', chromium: chromium.path, headless: true, note };
  }
  const electronWhy = 'reason' in electron ? electron.reason : 'Electron is installed but there is no display to open its windows on';
  return {
    kind: 'none',
    message:
      `wallrun demo: no shell to show the wall in.\n  Chromium: ${chromium.reason}\n  Electron: ${electronWhy}\n  ${howTo}`,
  };
}
