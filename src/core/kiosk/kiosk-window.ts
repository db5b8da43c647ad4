/**
 * The options of a kiosk window, decided as data so Electron's main process only applies them and
 * the tests check them without Electron: frameless on its exact bounds, kiosk only over a single
 * display, sandboxed with every web preference locked down, a background that never flashes white,
 * and no pointer. See docs/security.md.
 */
import type { Theme } from '../wall/model.js';
import type { PlannedWindow } from '../displays/window-plan.js';

/** Hides the pointer on the wall (inserted into every page the window loads). */
export const CURSOR_CSS = 'html, body, * { cursor: none !important; }';

/** The subset of Electron's BrowserWindowConstructorOptions the kiosk sets (structurally compatible). */
export interface KioskWindowOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  show: false;
  frame: false;
  kiosk: boolean;
  fullscreen: boolean;
  fullscreenable: boolean;
  resizable: false;
  movable: boolean;
  minimizable: false;
  maximizable: false;
  alwaysOnTop: boolean;
  skipTaskbar: boolean;
  enableLargerThanScreen: true;
  hasShadow: false;
  autoHideMenuBar: true;
  backgroundColor: string;
  title: string;
  webPreferences: {
    preload?: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    spellcheck: false;
    experimentalFeatures: false;
    navigateOnDragDrop: false;
    enableWebSQL: false;
    safeDialogs: true;
    disableDialogs: true;
    /** A wall window is never "in the background": keep timers and rAF at full rate. */
    backgroundThrottling: false;
    autoplayPolicy: 'no-user-gesture-required';
    devTools: boolean;
  };
}

export interface KioskWindowInput {
  window: PlannedWindow;
  /** Background while the page loads: the theme's, so a reload never flashes white. */
  background: string;
  /** Absolute path of the bundled preload script; none for notice pages. */
  preload?: string;
  /** Real displays: kiosk. False for assumed displays, tests and --windowed. */
  kiosk: boolean;
  devTools: boolean;
}

/** A colour Electron accepts for backgroundColor; anything else falls back to black. */
export function safeBackground(color: string | undefined): string {
  return color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(color) ? color : '#000000';
}

/** The theme a window shows first: the initial layout's, else the wall's default. */
export function initialTheme(themes: readonly Theme[], layoutTheme: string | undefined, defaultTheme: string): Theme | undefined {
  return themes.find((t) => t.id === layoutTheme) ?? themes.find((t) => t.id === defaultTheme) ?? themes[0];
}

/**
 * Options for one planned window. Frameless on its exact desktop bounds. Kiosk/fullscreen only
 * when the window covers one display: on Linux a fullscreen window snaps to a single monitor, so a
 * window spanning several displays stays a frameless, always-on-top window of the exact bounds.
 */
export function kioskWindowOptions(input: KioskWindowInput): KioskWindowOptions {
  const { bounds } = input.window;
  const fullscreen = input.kiosk && input.window.screens.length === 1;
  return {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    show: false,
    frame: false,
    kiosk: fullscreen,
    fullscreen,
    fullscreenable: fullscreen,
    resizable: false,
    movable: !input.kiosk,
    minimizable: false,
    maximizable: false,
    alwaysOnTop: input.kiosk,
    skipTaskbar: input.kiosk,
    enableLargerThanScreen: true,
    hasShadow: false,
    autoHideMenuBar: true,
    backgroundColor: safeBackground(input.background),
    title: `wallrun ${input.window.id}`,
    webPreferences: {
      ...(input.preload ? { preload: input.preload } : {}),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
      safeDialogs: true,
      disableDialogs: true,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
      devTools: input.devTools,
    },
  };
}
