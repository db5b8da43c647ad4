/**
 * A stand-in for the hub gateway's camera endpoints (docs/cameras.md, "Low-latency path"), for the
 * wall's camera e2e tests until they run against the real gateway. It speaks the contract:
 * WebSocket `/cameras/:id/live`, first message `{"token"}` from the client (4401 when wrong, 4404 for
 * an unknown camera), a text message naming the codec, then the fMP4 init segment, the current GOP
 * (so a new viewer shows a frame at once), then fragments as ffmpeg writes them; and the HLS fallback
 * `/cameras/:id/hls/…` with `Authorization: Bearer`, served from a simulated HLS camera's folder.
 *
 * Low-latency cameras run ffmpeg's testsrc2 through libx264 (zerolatency, 1 s GOP) into fragmented
 * MP4 on stdout (`empty_moov+default_base_moof+frag_keyframe`, fragments of at most 100 ms).
 * Test-only: the `ws` package comes with socket.io.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { Mp4BoxReader, avcCodec, hasIdr } from './fmp4-boxes.js';

export interface StandinCamera {
  /** Serve the low-latency path (default true); false: the upgrade is refused (HTTP 503). */
  live?: boolean;
  /** Folder of an HLS camera (playlist `index.m3u8` and segments) served as its fallback. */
  hlsDir?: string;
}

export interface LiveCameraStandin {
  /** `http://127.0.0.1:port`: the page's hub URL. */
  readonly url: string;
  readonly token: string;
  /** Clients connected to a camera's live path now. */
  viewers(id: string): number;
  /** Stops a camera's stream: ffmpeg killed, its sockets closed (1011), new ones refused. */
  stop(id: string): Promise<void>;
  /** Starts it again on the same URL. */
  restart(id: string): void;
  /**
   * Freezes a camera's encoder (SIGSTOP) with its sockets left open: no more fragments, nothing
   * closed, so only the wall's watchdog can tell. The cached GOP is dropped, as a gateway must not
   * replay stale frames to a viewer that reconnects meanwhile.
   */
  pause(id: string): void;
  /** SIGCONT: fragments flow again on the open sockets. */
  resume(id: string): void;
  /** Opens the low-latency path of a camera started with `live: false`. */
  openLive(id: string): void;
  destroy(): Promise<void>;
}

interface Feed {
  ffmpeg: ChildProcess | null;
  init: Buffer | null;
  codec: string;
  gop: Buffer[];
  clients: Set<WebSocket>;
  stopped: boolean;
}

const FFMPEG_ARGS = [
  '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25',
  '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-tune', 'zerolatency', '-preset', 'ultrafast', '-g', '25',
  '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', '100000', '-',
];

export async function startLiveCameraStandin(cameras: Record<string, StandinCamera>, token = 'wall-token-camwall'): Promise<LiveCameraStandin> {
  const feeds = new Map<string, Feed>();

  const startFeed = (feed: Feed): void => {
    feed.stopped = false;
    feed.init = null;
    feed.gop = [];
    const ffmpeg = spawn('ffmpeg', FFMPEG_ARGS, { stdio: ['ignore', 'pipe', 'ignore'] });
    feed.ffmpeg = ffmpeg;
    const reader = new Mp4BoxReader();
    let pendingMoof: Buffer | null = null;
    let ftyp: Buffer = Buffer.alloc(0);
    ffmpeg.stdout.on('data', (chunk: Buffer) => {
      for (const box of reader.push(chunk)) {
        if (box.type === 'ftyp') ftyp = box.bytes;
        else if (box.type === 'moov') {
          feed.init = Buffer.concat([ftyp, box.bytes]);
          feed.codec = avcCodec(feed.init) ?? feed.codec;
        } else if (box.type === 'moof') pendingMoof = box.bytes;
        else if (box.type === 'mdat' && pendingMoof) {
          const fragment = Buffer.concat([pendingMoof, box.bytes]);
          pendingMoof = null;
          if (hasIdr(box.bytes)) feed.gop = [];
          feed.gop.push(fragment);
          for (const ws of feed.clients) ws.send(fragment);
        }
      }
    });
  };

  for (const [id, camera] of Object.entries(cameras)) {
    const feed: Feed = { ffmpeg: null, init: null, codec: 'avc1.64000d', gop: [], clients: new Set(), stopped: true };
    feeds.set(id, feed);
    if (camera.live !== false) startFeed(feed);
  }

  const server = http.createServer((req, res) => {
    const m = /^\/cameras\/([a-z0-9-]+)\/hls\/([A-Za-z0-9_.-]+)$/.exec(req.url ?? '');
    const dir = m ? cameras[m[1]!]?.hlsDir : undefined;
    if (!m || !dir) return void res.writeHead(404).end();
    // The page's CSP and hls.js: cross-origin XHR with an Authorization header needs CORS.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
    const file = path.join(dir, m[2]!);
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const m = /^\/cameras\/([a-z0-9-]+)\/live$/.exec(req.url ?? '');
    const camera = m ? cameras[m[1]!] : undefined;
    const feed = m ? feeds.get(m[1]!) : undefined;
    if (m && camera && (camera.live === false || feed?.stopped)) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once('message', (data, binary) => {
        let sent: { token?: unknown } = {};
        try {
          sent = binary ? {} : (JSON.parse(String(data)) as { token?: unknown });
        } catch {
          /* not JSON: refused as a bad token */
        }
        if (sent.token !== token) return ws.close(4401, 'bad token');
        if (!feed) return ws.close(4404, 'unknown camera');
        // As the gateway does while its pull is (re)connecting: nothing playable to send yet.
        if (!feed.init) return ws.close(4503, 'connecting');
        ws.send(JSON.stringify({ codec: feed.codec, width: 320, height: 180, transcoding: false }));
        if (feed.init) ws.send(feed.init);
        for (const fragment of feed.gop) ws.send(fragment);
        feed.clients.add(ws);
        ws.on('close', () => feed.clients.delete(ws));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const stopFeed = async (feed: Feed): Promise<void> => {
    feed.stopped = true;
    for (const ws of feed.clients) ws.close(1011, 'camera stopped');
    feed.clients.clear();
    const ffmpeg = feed.ffmpeg;
    feed.ffmpeg = null;
    if (ffmpeg && ffmpeg.exitCode === null) {
      const exited = new Promise((resolve) => ffmpeg.once('exit', resolve));
      ffmpeg.kill('SIGKILL');
      await exited;
    }
  };

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    viewers: (id) => feeds.get(id)?.clients.size ?? 0,
    stop: async (id) => {
      const feed = feeds.get(id);
      if (feed) await stopFeed(feed);
    },
    pause: (id) => {
      const feed = feeds.get(id);
      feed?.ffmpeg?.kill('SIGSTOP');
      if (feed) feed.gop = [];
    },
    resume: (id) => {
      feeds.get(id)?.ffmpeg?.kill('SIGCONT');
    },
    openLive: (id) => {
      const camera = cameras[id];
      const feed = feeds.get(id);
      if (!camera || !feed) return;
      camera.live = true;
      if (feed.stopped) startFeed(feed);
    },
    restart: (id) => {
      const feed = feeds.get(id);
      if (feed && feed.stopped) startFeed(feed);
    },
    destroy: async () => {
      await Promise.all([...feeds.values()].map(stopFeed));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
