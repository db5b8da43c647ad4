/**
 * How the kiosk was asked to run (command line and environment), the config each wall page gets,
 * and the page it shows when it cannot show the wall. Pure, so all are tested without Electron.
 */
import type { WallPageConfig } from '../page/host-api.js';
import { buildPageConfig, initialLayoutOf } from '../page/page-config.js';
import { httpOrigin, splitHubUrls, wallIdentity, type WallHubConfig } from '../page/hub-config.js';
import { APP_ORIGIN } from './kiosk-policy.js';
import { WALL_CSP, wallPageCsp } from './page-csp.js';
import { initialTheme, safeBackground } from './kiosk-window.js';
import { demoWindowRect } from '../displays/demo-plan.js';
import type { Project, Rect } from '../wall/model.js';
import type { PlannedWindow } from '../displays/window-plan.js';

export interface KioskOptions {
  /** Folder with wall.yaml, layouts/, themes/, assets/ (default: the one shipped in the app). */
  projectDir?: string;
  /** Which node of wall.yaml this PC is (default: the host name, or the only node). */
  node?: string;
  /** First layout (default: the wall's defaultLayout). */
  layout?: string;
  lang: 'vi' | 'en';
  /** Publish plausible demo values when no hub is connected. */
  demoFeed: boolean;
  /** Plan against the displays wall.yaml describes instead of the ones connected (tests, demos). */
  assumeDisplays: boolean;
  /** Ordinary movable windows instead of kiosk windows. */
  windowed: boolean;
  /** DevTools allowed, windowed. Never on a wall. */
  dev: boolean;
  /** WALLRUN_EXIT_PIN_HASH; without it the kiosk cannot be left from the keyboard. */
  exitPinHash?: string;
  /**
   * The hub (`--hub=URL` or WALLRUN_HUB_URL, with WALLRUN_HUB_TOKEN: the token only from the
   * environment or wallrun.env, never the command line, which every user can read in `ps`).
   * Several hubs of an active/standby group: a comma-separated list, tried in that order.
   */
  hub?: Pick<WallHubConfig, 'url' | 'urls' | 'token' | 'escalateAfterS' | 'sound'>;
  /**
   * How the hub's certificate is checked (`--hub-ca=FILE` or WALLRUN_HUB_CA, a PEM CA file;
   * `--hub-fingerprint=` or WALLRUN_HUB_FINGERPRINT, its SHA-256); neither: the system's trust
   * store. Read by main (src/node/hub-trust.ts), never given to the page.
   */
  hubTrust?: { caFile?: string; fingerprint?: string };
  /**
   * Demo preview (`wallrun demo` in Electron), only with `assumeDisplays`: windows and pages at
   * this scale (0 < scale ≤ 1; absent: 1:1), as the browser shell's `--scale` does. A wall is 1:1.
   */
  scale?: number;
  /**
   * Demo preview, only with `assumeDisplays`: the wall point (wall px) at the desktop's top-left,
   * so each node's windows go where their part of the wall is and the nodes of one demo do not
   * overlap (demo-plan.ts places the browser shell's windows the same way).
   */
  wallOrigin?: { x: number; y: number };
  /**
   * Where camera sources resolve (`--camera-base=URL` or WALLRUN_CAMERA_BASE, http(s)): the demo
   * hub's camera server, on its own port. Absent: the app's assets, as on a wall whose tiles name
   * their cameras in full.
   */
  cameraBase?: string;
  /**
   * The node's web-credentials.json (`--web-credentials=FILE` or WALLRUN_WEB_CREDENTIALS): the
   * secrets web tiles sign in with. Absent: web-credentials.json beside wallrun.env. Main reads it.
   */
  webCredentials?: string;
}

/**
 * An http(s) URL as a base for relative sources (with a '/' added when it has no path), or
 * undefined; httpOrigin's rules (no credentials, no white space). Pure string work: no URL class.
 */
function httpBase(text: string | undefined): string | undefined {
  if (!text || !httpOrigin(text)) return undefined;
  const t = text.trim();
  return /^https?:\/\/[^/?#]+$/i.test(t) ? `${t}/` : t;
}

/** `X,Y` (integers, either may be negative) or undefined. */
function point(text: string | undefined): { x: number; y: number } | undefined {
  const m = text ? /^\s*(-?\d+)\s*,\s*(-?\d+)\s*$/.exec(text) : null;
  return m ? { x: Number(m[1]), y: Number(m[2]) } : undefined;
}

/**
 * `--project=DIR --node=ID --layout=ID --lang=vi|en --demo-feed --assume-displays --windowed --dev`,
 * each with an environment fallback (WALLRUN_PROJECT, WALLRUN_NODE, WALLRUN_LAYOUT, WALLRUN_LANG);
 * for the demo `--scale=S --wall-origin=X,Y` (with `--assume-displays` only) and `--camera-base=URL`
 * (or WALLRUN_CAMERA_BASE); `--web-credentials=FILE` (or WALLRUN_WEB_CREDENTIALS). Unknown arguments (Chromium's switches, the app path) and values that
 * do not parse are ignored.
 */
export function parseKioskOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): KioskOptions {
  const value = (name: string): string | undefined => {
    const prefix = `--${name}=`;
    const hit = argv.find((a) => a.startsWith(prefix));
    return hit === undefined ? undefined : hit.slice(prefix.length);
  };
  const flag = (name: string): boolean => argv.includes(`--${name}`);
  const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);
  const lang = value('lang') ?? env.WALLRUN_LANG;
  const dev = flag('dev');
  const options: KioskOptions = {
    lang: lang === 'en' ? 'en' : 'vi',
    demoFeed: flag('demo-feed') || env.WALLRUN_DEMO_FEED === '1',
    assumeDisplays: flag('assume-displays') || env.WALLRUN_ASSUME_DISPLAYS === '1',
    windowed: dev || flag('windowed'),
    dev,
  };
  const projectDir = nonEmpty(value('project') ?? env.WALLRUN_PROJECT);
  const node = nonEmpty(value('node') ?? env.WALLRUN_NODE);
  const layout = nonEmpty(value('layout') ?? env.WALLRUN_LAYOUT);
  const exitPinHash = nonEmpty(env.WALLRUN_EXIT_PIN_HASH);
  if (projectDir) options.projectDir = projectDir;
  if (node) options.node = node;
  if (layout) options.layout = layout;
  if (exitPinHash) options.exitPinHash = exitPinHash;
  const cameraBase = httpBase(nonEmpty(value('camera-base') ?? env.WALLRUN_CAMERA_BASE));
  if (cameraBase) options.cameraBase = cameraBase;
  const webCredentials = nonEmpty(value('web-credentials') ?? env.WALLRUN_WEB_CREDENTIALS);
  if (webCredentials) options.webCredentials = webCredentials;
  // A preview's placement: on a wall's real displays the windows are always 1:1 where planned.
  if (options.assumeDisplays) {
    const scale = Number(value('scale'));
    if (scale > 0 && scale <= 1) options.scale = scale;
    const origin = point(value('wall-origin'));
    if (origin) options.wallOrigin = origin;
  }
  const hubUrls = splitHubUrls(nonEmpty(value('hub') ?? env.WALLRUN_HUB_URL) ?? '');
  const hubToken = nonEmpty(env.WALLRUN_HUB_TOKEN);
  if (hubUrls.length > 0 && hubToken) {
    const escalate = Number(env.WALLRUN_ESCALATE_AFTER_S);
    options.hub = {
      url: hubUrls[0]!,
      ...(hubUrls.length > 1 ? { urls: hubUrls } : {}),
      token: hubToken,
      ...(env.WALLRUN_ESCALATE_AFTER_S && Number.isFinite(escalate) ? { escalateAfterS: escalate } : {}),
      ...(env.WALLRUN_ALERT_SOUND === '0' ? { sound: false } : {}),
    };
    const caFile = nonEmpty(value('hub-ca') ?? env.WALLRUN_HUB_CA);
    const fingerprint = nonEmpty(value('hub-fingerprint') ?? env.WALLRUN_HUB_FINGERPRINT);
    if (caFile || fingerprint) options.hubTrust = { ...(caFile ? { caFile } : {}), ...(fingerprint ? { fingerprint } : {}) };
  }
  return options;
}

/**
 * `KEY=value` lines of ~/.config/wallrun/wallrun.env (comments with #, optional quotes), so the
 * systemd unit and the autostart entry start the same wall without shell plumbing. Only WALLRUN_*
 * keys are taken; the process environment wins over the file.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?(WALLRUN_[A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const raw = m[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    out[m[1]!] = quoted ? quoted[2]! : raw.replace(/\s+#.*$/, '');
  }
  return out;
}

/**
 * What a kiosk window's page gets (built by src/core/page/page-config.ts): assets and cameras
 * relative to our own origin (as the browser shell serves them), the node's dark screens as the
 * last display check found them, and the hub with this window's identity.
 */
export function wallPageConfig(project: Project, window: PlannedWindow, options: KioskOptions, darkScreens: readonly string[] = []): WallPageConfig {
  return buildPageConfig(project, window, {
    layout: options.layout,
    lang: options.lang,
    scale: options.scale ?? 1,
    cameraBase: options.cameraBase ?? `${APP_ORIGIN}/assets/`,
    assetBase: `${APP_ORIGIN}/assets/`,
    demoFeed: options.demoFeed,
    darkScreens,
    ...(options.hub ? { hub: { ...options.hub, identity: wallIdentity(window) } } : {}),
  });
}

/**
 * The CSP the app:// handler sends with the wall page: WALL_CSP narrowed to this node's hub, its
 * camera base and the cameras its project names (every window of a node shares them).
 */
export function kioskPageCsp(project: Project | null, options: KioskOptions): string {
  if (!project) return WALL_CSP;
  const base = `${APP_ORIGIN}/assets/`;
  return wallPageCsp({ hub: options.hub, cameraBase: options.cameraBase ?? base, assetBase: base, layouts: project.layouts });
}

/**
 * Where a window goes on the desktop: as planned on a wall; in a demo preview (scale or wall
 * origin given) at its wall position times the scale, as the browser shell's demo places it.
 */
export function windowBounds(window: PlannedWindow, options: KioskOptions): Rect {
  if (options.scale === undefined && options.wallOrigin === undefined) return window.bounds;
  return demoWindowRect(window, options.scale ?? 1, options.wallOrigin ?? { x: 0, y: 0 });
}

/** The window's colour before the page paints: the first layout's theme background. */
export function windowBackground(project: Project | null, options: KioskOptions): string {
  if (!project) return '#000000';
  const layout = project.layouts.find((l) => l.id === initialLayoutOf(project, options.layout));
  return safeBackground(initialTheme(project.themes, layout?.theme, project.wall.defaultTheme)?.colors.background);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface FallbackPage {
  title: string;
  lines: readonly string[];
  background?: string;
  color?: string;
}

/**
 * A static page (no script, inline style only) for when the wall cannot be shown: crash loop,
 * invalid project, unknown node. Every text is escaped; at most 30 lines are shown.
 */
export function fallbackPageHtml(page: FallbackPage): string {
  const bg = page.background && /^#[0-9a-f]{3,8}$/i.test(page.background) ? page.background : '#101418';
  const fg = page.color && /^#[0-9a-f]{3,8}$/i.test(page.color) ? page.color : '#e8eef2';
  const lines = page.lines.slice(0, 30).map((l) => `<li>${escapeHtml(l)}</li>`).join('');
  const more = page.lines.length > 30 ? `<p>… ${page.lines.length - 30} more</p>` : '';
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${escapeHtml(page.title)}</title><style>html,body{margin:0;height:100%;cursor:none;` +
    `background:${bg};color:${fg};font:28px sans-serif}body{display:flex;flex-direction:column;` +
    'justify-content:center;padding:0 6vw;box-sizing:border-box}h1{font-size:48px}li{margin:.3em 0}</style>' +
    `</head><body><h1>${escapeHtml(page.title)}</h1><ul>${lines}</ul>${more}</body></html>`
  );
}

/** The page as a data: URL for BrowserWindow.loadURL. */
export function fallbackPageUrl(page: FallbackPage): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(fallbackPageHtml(page))}`;
}
