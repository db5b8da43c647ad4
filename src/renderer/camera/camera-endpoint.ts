/**
 * Where a camera source plays from. A tile's `props.source` is a plain HLS URL; a tile's
 * `props.camera` names a project camera served by the page's hub gateway (docs/cameras.md): the
 * low-latency WebSocket first, the gateway's HLS as fallback, both authorised with the page's hub
 * token. The pool keys sources by `key` (one decoder per camera per window). A small tile asks for
 * the camera's sub-stream (`?sub=1`), a key of its own: the gateway serves the main stream to it
 * where the camera has none; the HLS fallback is the main stream's.
 */
import type { Size } from '../../core/wall/model.js';

export type CameraEndpoint =
  | { kind: 'hls'; key: string; url: string }
  | { kind: 'hub'; key: string; id: string; liveUrl: string; hlsUrl: string; token: string };

/** The page's hub as camera tiles need it: base URL and wall token (WallHubConfig). */
export interface CameraHub {
  url: string;
  token: string;
}

export function hlsEndpoint(url: string): CameraEndpoint {
  return { kind: 'hls', key: url, url };
}

/** Whether a tile of `size` (wall px) plays the sub-stream: its longer side at most `maxPx` (0: never). */
export function wantsSubStream(size: Size, maxPx: number): boolean {
  return maxPx > 0 && Math.max(size.width, size.height) <= maxPx;
}

/** `/cameras/:id/live` on the hub (ws: or wss: after its http: or https:; `?sub=1` for the sub-stream), and its HLS fallback. */
export function hubEndpoint(hub: CameraHub, id: string, sub = false): CameraEndpoint {
  const base = new URL(hub.url);
  const path = `/cameras/${encodeURIComponent(id)}`;
  const hlsUrl = new URL(`${path}/hls/index.m3u8`, base).href;
  const live = new URL(`${path}/live${sub ? '?sub=1' : ''}`, base);
  live.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return { kind: 'hub', key: live.href, id, liveUrl: live.href, hlsUrl, token: hub.token };
}
