/**
 * The wall page's Content-Security-Policy: the fixed policy of src/renderer/index.html and the
 * narrower one a host sends with each page, naming only the origins its config uses (hub, cameras,
 * assets). Apart from the window and URL rules (kiosk-window.ts, kiosk-policy.ts) because both
 * shells send it, Electron's and the browser shell's. See docs/security.md.
 */
import type { Layout } from '../wall/model.js';
import type { WallHubConfig } from '../page/hub-config.js';
import { httpOrigin, hubUrls } from '../page/hub-config.js';
import { isWebSocketSource } from '../wall/go2rtc-source.js';
import { webOrigin } from '../wall/web-origin.js';

/**
 * The wall page's Content-Security-Policy, the same as the <meta> in src/renderer/index.html (a
 * test keeps them equal); Electron's protocol handler also sends it as a response header. No
 * inline script and no eval; data (hub, HLS) may come over the network, code only from 'self'.
 * Frames (web tiles) only over http(s), never data:, blob: or javascript:; the per-page policy
 * narrows them to the layouts' web origins, or 'none'. The <meta> cannot say 'none' itself: a
 * browser enforces it together with the per-page policy, so it would refuse every web tile.
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
  'frame-src': ['http:', 'https:'],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

export const WALL_CSP = Object.entries(WALL_CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/** What decides where a wall page may fetch and stream from. */
export interface PageSources {
  hub?: Pick<WallHubConfig, 'url' | 'urls'> | undefined;
  cameraBase: string;
  assetBase: string;
  layouts: readonly Pick<Layout, 'tiles'>[];
}

/**
 * The http(s) origins a page config names: its hub, its camera and asset bases, and the absolute
 * sources of its camera tiles (a go2rtc `ws(s)://` source: its ws origin in connect only). Relative sources resolve against the bases, so their origins are
 * the bases'. `frame`: the origins of its web tiles (what the validator checked against wall.yaml
 * web.origins). Sorted, without duplicates.
 */
export function pageOrigins(s: PageSources): { connect: string[]; media: string[]; frame: string[] } {
  const connect = new Set<string>();
  const media = new Set<string>();
  const frame = new Set<string>();
  const add = (url: string | undefined, into: Set<string>[], ws = false): void => {
    const o = url ? httpOrigin(url) : null;
    if (!o) return;
    for (const set of into) set.add(o.http);
    if (ws) connect.add(o.ws);
  };
  for (const url of s.hub ? hubUrls(s.hub) : []) add(url, [connect], true);
  add(s.assetBase, [connect]);
  add(s.cameraBase, [connect, media]);
  for (const layout of s.layouts) {
    for (const tile of layout.tiles) {
      const source = tile.widget === 'camera' ? tile.props.source : undefined;
      if (typeof source === 'string' && isWebSocketSource(source)) {
        // go2rtc's MSE WebSocket: only the socket's origin (the media reaches the element as blob:).
        const o = httpOrigin(source.trim().replace(/^ws/i, 'http'));
        if (o) connect.add(o.ws);
      } else if (typeof source === 'string') add(source, [connect, media]);
      const page = tile.widget === 'web' && typeof tile.props.url === 'string' ? webOrigin(tile.props.url) : undefined;
      if (page) frame.add(page);
    }
  }
  return { connect: [...connect].sort(), media: [...media].sort(), frame: [...frame].sort() };
}

/**
 * The CSP a host sends with the wall page for one config: WALL_CSP with connect-src and media-src
 * narrowed from "any http(s)/ws(s) server" to the origins the config names, and frame-src to
 * exactly its web tiles' origins ('none' without web tiles) (pageOrigins). The <meta> in
 * index.html stays WALL_CSP; a browser enforces both, so the narrower one decides.
 */
export function wallPageCsp(s: PageSources): string {
  const { connect, media, frame } = pageOrigins(s);
  const directives: Record<string, readonly string[]> = {
    ...WALL_CSP_DIRECTIVES,
    'connect-src': ["'self'", 'blob:', 'data:', ...connect],
    'media-src': ["'self'", 'blob:', 'data:', ...media],
    'frame-src': frame.length > 0 ? frame : ["'none'"],
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
