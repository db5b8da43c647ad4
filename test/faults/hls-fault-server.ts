/**
 * An HTTP server in front of the simulated cameras' HLS server that injects faults per lane: a
 * request for `/<lane>/<cameraId>/<file>` is answered from upstream `/<cameraId>/<file>`, unless the
 * lane has a fault: `playlist-404` (the playlist answers 404), `segments-stalled` (segment requests
 * are held open until the fault ends), `truncated` (segments cut to their first 2 KB: no whole
 * frame), `corrupt` (segments overwritten with noise after their first TS packet). One real camera
 * serves every lane, so a tile per fault costs one ffmpeg.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type HlsFault = 'playlist-404' | 'segments-stalled' | 'truncated' | 'corrupt';

export interface HlsFaultServer {
  readonly url: string;
  /** Sets or (null) ends the fault of `lane`; ending a stall answers the held requests. */
  setFault(lane: string, fault: HlsFault | null): void;
  /** Faulty answers given per lane (playlists refused, segments held, cut or garbled). */
  readonly injected: Map<string, number>;
  destroy(): Promise<void>;
}

const TS_PACKET = 188;

/** A deterministic noise byte stream (no sync bytes a demuxer could lock on to). */
function garble(body: Buffer): Buffer {
  const out = Buffer.from(body);
  let x = 0x2545f491;
  for (let i = TS_PACKET; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x & 0xff) === 0x47 ? 0x48 : x & 0xff;
  }
  return out;
}

function fetchUpstream(base: string, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, base), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

export async function startHlsFaultServer(upstream: string): Promise<HlsFaultServer> {
  const faults = new Map<string, HlsFault>();
  const held = new Map<string, Array<() => void>>();
  const injected = new Map<string, number>();
  const count = (lane: string): void => void injected.set(lane, (injected.get(lane) ?? 0) + 1);

  const server = http.createServer((req, res) => {
    const m = /^\/([^/]+)\/(.+)$/.exec(req.url ?? '');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!m) return void res.writeHead(404).end();
    const [, lane, rest] = m as unknown as [string, string, string];
    const isPlaylist = rest.endsWith('.m3u8');
    const answer = async (): Promise<void> => {
      const fault = faults.get(lane);
      if (fault === 'playlist-404' && isPlaylist) {
        count(lane);
        return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      }
      const up = await fetchUpstream(upstream, `/${rest}`);
      let body = up.body;
      if (!isPlaylist && up.status === 200 && fault === 'truncated') {
        count(lane);
        body = body.subarray(0, Math.min(body.length, 2048));
      } else if (!isPlaylist && up.status === 200 && fault === 'corrupt') {
        count(lane);
        body = garble(body);
      }
      res.writeHead(up.status, { 'Content-Type': up.headers['content-type'] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', 'Content-Length': body.length });
      res.end(body);
    };
    const go = (): void => void answer().catch(() => res.destroy());
    if (!isPlaylist && faults.get(lane) === 'segments-stalled') {
      count(lane);
      const list = held.get(lane) ?? [];
      list.push(go);
      held.set(lane, list);
      req.on('close', () => held.set(lane, (held.get(lane) ?? []).filter((g) => g !== go)));
      return;
    }
    go();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    injected,
    setFault(lane, fault) {
      if (fault) faults.set(lane, fault);
      else faults.delete(lane);
      if (!fault) for (const go of held.get(lane)?.splice(0) ?? []) go();
    },
    async destroy() {
      for (const list of held.values()) list.splice(0);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
