/**
 * Where a kiosk window's page may go and what it may load, decided as data so the Electron main
 * process only applies it and the tests check it without Electron: the app:// scheme our pages come
 * from and how its URLs map to files, navigation, requests by resource type, and permissions. The
 * window's options are kiosk-window.ts's, the page's CSP page-csp.ts's, the exit PIN exit-pin.ts's.
 * See docs/security.md for where each decision is enforced.
 */
import { originOf } from './frame-response.js';

/** Our pages are served from a privileged custom scheme, never file:// (Electron checklist #18). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://wall';
export const WALL_PAGE_URL = `${APP_ORIGIN}/index.html`;

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

/** Whether a web tile's frame may navigate to `url`: within the web tiles' origins only. */
export function frameNavigationAllowed(url: string, webOrigins: readonly string[]): boolean {
  return /^https?:/i.test(url) && webOrigins.includes(originOf(url) ?? '');
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
 * only from app://wall (no remote content) and the web tiles' origins (`webOrigins`, wall.yaml
 * `web.origins`: their frames and everything those load), data from the hub and cameras over
 * http(s)/ws(s).
 * file:// and every other scheme are refused.
 */
export function requestAllowed(url: string, resourceType: string, webOrigins: readonly string[] = []): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) return false;
  if (scheme === 'devtools') return true;
  if (resourceType === 'object') return false;
  // A web tile's page and what it loads come from the origins wall.yaml allows for web tiles.
  if ((scheme === 'http' || scheme === 'https') && webOrigins.includes(originOf(url) ?? '')) return true;
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
