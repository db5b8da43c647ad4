/**
 * The page's one seam to its environment (cf. pixi's adapter): `window.wallrunHost`, installed by
 * Electron's preload, the browser shell or a test before the page's script runs. Nothing else in
 * the renderer reads globals set from outside.
 */
import type { WallDebugApi } from '../core/page/debug-hook.js';
import type { WallrunHost } from '../core/page/host-api.js';

declare global {
  interface Window {
    wallrunHost?: WallrunHost;
    wallrunDebug?: WallDebugApi;
  }
}

export class HostMissingError extends Error {}

export function getHost(): WallrunHost {
  const host = window.wallrunHost;
  if (!host || typeof host.getConfig !== 'function' || typeof host.emit !== 'function') {
    throw new HostMissingError(
      'window.wallrunHost is missing: open this page through Electron, the browser shell or the test harness',
    );
  }
  return host;
}
