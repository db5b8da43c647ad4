/**
 * What a kiosk window may be and do, decided as data so the Electron main process only applies it
 * and the tests check it without Electron: window options, the page's CSP, which URLs the page may
 * navigate to or load, which permissions it gets, how app:// URLs map to files, and the exit PIN.
 * See docs/security.md for where each decision is enforced.
 */
import type { Layout, Theme } from '../wall/model.js';
import type { WallHubConfig } from '../page/hub-config.js';
import { httpOrigin } from '../page/hub-config.js';
import type { PlannedWindow } from '../displays/window-plan.js';
import { sha256Hex } from '../protocol/sha256.js';

/** Our pages are served from a privileged custom scheme, never file:// (Electron checklist #18). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://wall';
export const WALL_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * The wall page's Content-Security-Policy, the same as the <meta> in src/renderer/index.html (a
 * test keeps them equal); Electron's protocol handler also sends it as a response header. No
 * inline script and no eval; data (hub, HLS) may come over the network, code only from 'self'.
 */
export const WALL_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'font-src': ["'self'", 'data:', 'blob:'],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:', 'data:', 'http:', 'https:'],
  'connect-src': ["'self'", 'http:', 'https:', 'ws:', 'wss:', 'blob:', 'data:'],
  'worker-src': ["'self'", 'blob:'],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

export const WALL_CSP = Object.entries(WALL_CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/** What decides where a wall page may fetch and stream from. */
export interface PageSources {
  hub?: Pick<WallHubConfig, 'url'> | undefined;
  cameraBase: string;
  assetBase: string;
  layouts: readonly Pick<Layout, 'tiles'>[];
}

/**
 * The http(s) origins a page config names: its hub, its camera and asset bases, and the absolute
 * sources of its camera tiles. Relative sources resolve against the bases, so their origins are
 * the bases'. Sorted, without duplicates.
 */
export function pageOrigins(s: PageSources): { connect: string[]; media: string[] } {
  const connect = new Set<string>();
  const media = new Set<string>();
  const add = (url: string | undefined, into: Set<string>[], ws = false): void => {
    const o = url ? httpOrigin(url) : null;
    if (!o) return;
    for (const set of into) set.add(o.http);
    if (ws) connect.add(o.ws);
  };
  add(s.hub?.url, [connect], true);
  add(s.assetBase, [connect]);
  add(s.cameraBase, [connect, media]);
  for (const layout of s.layouts) {
    for (const tile of layout.tiles) {
      const source = tile.widget === 'camera' ? tile.props.source : undefined;
      if (typeof source === 'string') add(source, [connect, media]);
    }
  }
  return { connect: [...connect].sort(), media: [...media].sort() };
}

/**
 * The CSP a host sends with the wall page for one config: WALL_CSP with connect-src and media-src
 * narrowed from "any http(s)/ws(s) server" to the origins the config names (pageOrigins). The
 * <meta> in index.html stays WALL_CSP; a browser enforces both, so the narrower one decides.
 */
export function wallPageCsp(s: PageSources): string {
  const { connect, media } = pageOrigins(s);
  const directives: Record<string, readonly string[]> = {
    ...WALL_CSP_DIRECTIVES,
    'connect-src': ["'self'", 'blob:', 'data:', ...connect],
    'media-src': ["'self'", 'blob:', 'data:', ...media],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** A CSP string as directive → sources, for comparing policies regardless of spacing. */
export function parseCsp(csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = values;
  }
  return out;
}

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

/** Splits `app://wall/<path>?q#h` into its decoded path, or null for any other URL. */
function appPath(url: string): string | null {
  const prefix = `${APP_ORIGIN}/`;
  if (url.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  const raw = url.slice(prefix.length).replace(/[?#].*$/s, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Whether the page may navigate to `url`: only to our own wall page (reloads included). */
export function navigationAllowed(url: string): boolean {
  const path = appPath(url);
  return path === '' || path === 'index.html';
}

/** Whether a frame at `url` is our wall page (IPC senders must be). */
export const isWallPageUrl = navigationAllowed;

/** What an app:// URL serves: a file under the built page (dist/renderer) or under assets/. */
export interface AppTarget {
  area: 'renderer' | 'assets';
  /** Relative, '/'-separated, no '.', '..' or empty segments. */
  path: string;
}

/** Maps an app:// URL to a file, refusing anything that could leave its folder. */
export function appUrlTarget(url: string): AppTarget | null {
  const path = appPath(url);
  if (path === null || /[\\\0]/.test(path)) return null;
  const segments = path === '' ? ['index.html'] : path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  if (segments[0] === 'assets') {
    return segments.length > 1 ? { area: 'assets', path: segments.slice(1).join('/') } : null;
  }
  return { area: 'renderer', path: segments.join('/') };
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  geojson: 'application/geo+json',
  map: 'application/json',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  woff: 'font/woff',
  woff2: 'font/woff2',
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
};

/** Content-Type by extension (module scripts need a JavaScript type); unknown → octet-stream. */
export function contentTypeFor(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** Resource types that carry code or documents: these load only from our own origin. */
const CODE_TYPES = new Set(['mainFrame', 'subFrame', 'script', 'stylesheet', 'font', 'object']);
const DATA_SCHEMES = new Set(['app', 'http', 'https', 'ws', 'wss', 'data', 'blob']);

/**
 * Whether the session lets a request through (webRequest.onBeforeRequest): code and documents
 * only from app://wall (no remote content), data from the hub and cameras over http(s)/ws(s).
 * file:// and every other scheme are refused.
 */
export function requestAllowed(url: string, resourceType: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) return false;
  if (scheme === 'devtools') return true;
  if (resourceType === 'object') return false;
  if (CODE_TYPES.has(resourceType)) {
    // blob: URLs can only be minted by the page itself (hls.js and pixi workers).
    return appPath(url) !== null || scheme === 'blob' || (resourceType === 'font' && scheme === 'data');
  }
  return DATA_SCHEMES.has(scheme);
}

/**
 * Permission requests and checks: everything is denied except fullscreen for our own page. The
 * wall has no camera, microphone, notifications, geolocation, clipboard, HID, serial or USB use.
 */
export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  if (permission !== 'fullscreen') return false;
  return requestingUrl !== undefined && appPath(requestingUrl) !== null;
}

/** Exit status of an exit by PIN; the systemd unit does not restart on it (RestartPreventExitStatus). */
export const OPERATOR_EXIT_CODE = 64;

const PIN_HASH = /^sha256:([^:]*):([0-9a-f]{64})$/i;

/** `sha256:<salt>:<hex sha256 of "salt:pin">`, the format of WALLRUN_EXIT_PIN_HASH. */
export function makePinHash(pin: string, salt: string): string {
  if (salt.includes(':')) throw new Error('the salt must not contain ":"');
  return `sha256:${salt}:${sha256Hex(`${salt}:${pin}`)}`;
}

/** Whether `pin` opens the exit; with no (or a malformed) configured hash nobody may exit. */
export function exitAllowed(pin: string, configuredPinHash: string | undefined): boolean {
  const m = configuredPinHash ? PIN_HASH.exec(configuredPinHash.trim()) : null;
  if (!m || pin.length === 0 || pin.length > 64) return false;
  const want = m[2]!.toLowerCase();
  const got = sha256Hex(`${m[1]!}:${pin}`);
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff |= want.charCodeAt(i) ^ got.charCodeAt(i);
  return diff === 0;
}
