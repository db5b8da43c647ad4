/**
 * Where a camera source plays from. A tile's `props.source` is a plain HLS URL, or go2rtc's MSE
 * WebSocket (`ws(s)://…/api/ws?src=…`, played by the low-latency player with go2rtc's framing); a tile's
 * `props.camera` names a project camera served by the page's hub gateway (docs/cameras.md): the
 * low-latency WebSocket first, the gateway's HLS as fallback, both authorised with the page's hub
 * token. The pool keys sources by `key` (one decoder per camera per window). A small tile asks for
 * the camera's sub-stream (`?sub=1`), a key of its own: the gateway serves the main stream to it
 * where the camera has none; the HLS fallback is the main stream's.
 */
import { isGo2rtcSource } from '../../core/wall/go2rtc-source.js';
import type { Size } from '../../core/wall/model.js';

export type CameraEndpoint =
  | { kind: 'hls'; key: string; url: string }
  | { kind: 'hub'; key: string; id: string; liveUrl: string; hlsUrl: string; token: string }
  | { kind: 'go2rtc'; key: string; url: string };

/**
 * The page's hub as camera tiles need it: base URL and wall token (WallHubConfig). `url` follows
 * the hub the wall's link is on (a standby group's new leader after a failover: hub-session.ts).
 */
export interface CameraHub {
  url: string;
  token: string;
}

export function hlsEndpoint(url: string): CameraEndpoint {
  return { kind: 'hls', key: url, url };
}

/** A tile's `props.source`: go2rtc's MSE WebSocket when it is one, else an HLS URL. */
export function sourceEndpoint(url: string): CameraEndpoint {
  return isGo2rtcSource(url) ? { kind: 'go2rtc', key: url, url } : hlsEndpoint(url);
}

/** Whether a tile of `size` (wall px) plays the sub-stream: its longer side at most `maxPx` (0: never). */
export function wantsSubStream(size: Size, maxPx: number): boolean {
  return maxPx > 0 && Math.max(size.width, size.height) <= maxPx;
}

/**
 * `/cameras/:id/live` on the hub (ws: or wss: after its http: or https:; `?sub=1` for the sub-stream),
 * and its HLS fallback. Both are read from `hub.url` each time a player starts, so a camera that
 * retries after a hub failover goes to the new leader; `key` (the pool's identity) stays the first.
 */
export function hubEndpoint(hub: CameraHub, id: string, sub = false): CameraEndpoint {
  const path = `/cameras/${encodeURIComponent(id)}`;
  const live = (): string => {
    const base = new URL(hub.url);
    const url = new URL(`${path}/live${sub ? '?sub=1' : ''}`, base);
    url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.href;
  };
  return {
    kind: 'hub',
    key: live(),
    id,
    get liveUrl() {
      return live();
    },
    get hlsUrl() {
      return new URL(`${path}/hls/index.m3u8`, hub.url).href;
    },
    token: hub.token,
  };
}
