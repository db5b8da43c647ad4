/**
 * Where a camera source plays from. A tile's `props.source` is a plain HLS URL; a tile's
 * `props.camera` names a project camera served by the page's hub gateway (docs/cameras.md): the
 * low-latency WebSocket first, the gateway's HLS as fallback, both authorised with the page's hub
 * token. The pool keys sources by `key` (one decoder per camera per window).
 */
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

/** `/cameras/:id/live` on the hub (ws: or wss: after its http: or https:), and its HLS fallback. */
export function hubEndpoint(hub: CameraHub, id: string): CameraEndpoint {
  const base = new URL(hub.url);
  const path = `/cameras/${encodeURIComponent(id)}`;
  const hlsUrl = new URL(`${path}/hls/index.m3u8`, base).href;
  const live = new URL(`${path}/live`, base);
  live.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return { kind: 'hub', key: live.href, id, liveUrl: live.href, hlsUrl, token: hub.token };
}
