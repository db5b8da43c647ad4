/**
 * A stand-in for go2rtc's MSE over WebSocket (`/api/ws?src=<stream>`), for the wall's go2rtc source
 * test (docs/cameras.md, "Sites that already run go2rtc or mediamtx"). go2rtc itself does not
 * install here; this speaks its framing as its web client expects it: the client sends
 * `{"type":"mse","value":"<codecs it plays, comma separated>"}`, the server answers
 * `{"type":"mse","value":"video/mp4; codecs=\"avc1.…\""}`, then binary: the fMP4 init segment, then
 * fragments from the next keyframe on. A stream it cannot give (unknown src, stopped, no codec in
 * common) is answered `{"type":"error","value":"…"}` on an open socket, as go2rtc does.
 *
 * The stream is ffmpeg's testsrc2 through libx264 (320×180, 25 fps, zerolatency, 1 s GOP) into
 * fragmented MP4 on stdout, fragments of at most 100 ms. Test-only: `ws` comes with socket.io.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Mp4BoxReader, avcCodec, hasIdr } from './fmp4-boxes.js';

export interface Go2rtcStandin {
  /** `ws://127.0.0.1:port`: a tile's source is `${wsBase}/api/ws?src=<stream>`. */
  readonly wsBase: string;
  /** Every first message clients sent (their `mse` requests), oldest first. */
  readonly requests: string[];
  /** Sockets receiving a stream's media now. */
  viewers(stream: string): number;
  /** Stops a stream: ffmpeg killed, its sockets closed (1011); new ones get an error message. */
  stop(stream: string): Promise<void>;
  restart(stream: string): void;
  destroy(): Promise<void>;
}

interface Stream {
  ffmpeg: ChildProcess | null;
  init: Buffer | null;
  codec: string;
  /** Viewers, and whether each has had its first keyframe (media starts at one). */
  clients: Map<WebSocket, boolean>;
}

const FFMPEG_ARGS = [
  '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25',
  '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-tune', 'zerolatency', '-preset', 'ultrafast', '-g', '25',
  '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', '100000', '-',
];

export async function startGo2rtcStandin(names: readonly string[]): Promise<Go2rtcStandin> {
  const streams = new Map<string, Stream>();
  const requests: string[] = [];

  const start = (stream: Stream): void => {
    stream.init = null;
    const ffmpeg = spawn('ffmpeg', FFMPEG_ARGS, { stdio: ['ignore', 'pipe', 'ignore'] });
    stream.ffmpeg = ffmpeg;
    const reader = new Mp4BoxReader();
    let ftyp: Buffer = Buffer.alloc(0);
    let moof: Buffer | null = null;
    ffmpeg.stdout.on('data', (chunk: Buffer) => {
      for (const box of reader.push(chunk)) {
        if (box.type === 'ftyp') ftyp = box.bytes;
        else if (box.type === 'moov') {
          stream.init = Buffer.concat([ftyp, box.bytes]);
          stream.codec = avcCodec(stream.init) ?? stream.codec;
        } else if (box.type === 'moof') moof = box.bytes;
        else if (box.type === 'mdat' && moof) {
          const fragment = Buffer.concat([moof, box.bytes]);
          moof = null;
          const key = hasIdr(box.bytes);
          for (const [ws, started] of stream.clients) {
            if (!started && !key) continue;
            stream.clients.set(ws, true);
            ws.send(fragment);
          }
        }
      }
    });
  };

  for (const name of names) {
    const stream: Stream = { ffmpeg: null, init: null, codec: 'avc1.64000d', clients: new Map() };
    streams.set(name, stream);
    start(stream);
  }

  const server = http.createServer((_req, res) => void res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    if (url.pathname !== '/api/ws') return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once('message', (data, binary) => {
        const text = binary ? '' : String(data);
        requests.push(text);
        let msg: { type?: unknown; value?: unknown } = {};
        try {
          msg = JSON.parse(text) as typeof msg;
        } catch {
          /* answered below as go2rtc answers a request it does not know */
        }
        const error = (value: string): void => ws.send(JSON.stringify({ type: 'error', value }));
        if (msg.type !== 'mse') return error(`unsupported request: ${text}`);
        const src = url.searchParams.get('src') ?? '';
        const stream = streams.get(src);
        if (!stream) return error(`streams: stream not found: ${src}`);
        if (!stream.ffmpeg || !stream.init) return error(`streams: ${src}: no producer`);
        if (!String(msg.value).split(',').some((c) => c.startsWith('avc1.'))) return error('streams: codecs not matched: video:H264');
        ws.send(JSON.stringify({ type: 'mse', value: `video/mp4; codecs="${stream.codec}"` }));
        ws.send(stream.init);
        stream.clients.set(ws, false);
        ws.on('close', () => stream.clients.delete(ws));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const stop = async (stream: Stream): Promise<void> => {
    for (const ws of stream.clients.keys()) ws.close(1011, 'stream stopped');
    stream.clients.clear();
    const ffmpeg = stream.ffmpeg;
    stream.ffmpeg = null;
    stream.init = null;
    if (ffmpeg && ffmpeg.exitCode === null) {
      const exited = new Promise((resolve) => ffmpeg.once('exit', resolve));
      ffmpeg.kill('SIGKILL');
      await exited;
    }
  };

  return {
    wsBase: `ws://127.0.0.1:${port}`,
    requests,
    viewers: (name) => [...(streams.get(name)?.clients.values() ?? [])].filter(Boolean).length,
    stop: async (name) => {
      const stream = streams.get(name);
      if (stream) await stop(stream);
    },
    restart: (name) => {
      const stream = streams.get(name);
      if (stream && !stream.ffmpeg) start(stream);
    },
    destroy: async () => {
      await Promise.all([...streams.values()].map(stop));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
