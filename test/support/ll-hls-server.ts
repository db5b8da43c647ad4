/**
 * A Low-Latency HLS server for the wall's LL-HLS test (docs/cameras.md, "Sites that already run
 * go2rtc or mediamtx"): neither mediamtx nor go2rtc installs here, and ffmpeg 5.1's HLS muxer writes
 * no parts, so this groups ffmpeg's fragmented MP4 itself. ffmpeg encodes testsrc2 (320×180, 25 fps,
 * libx264 zerolatency, a keyframe every second) into fMP4 fragments of 200 ms on stdout; each
 * fragment is a part (EXT-X-PART, INDEPENDENT when it starts with a keyframe), the parts from one
 * keyframe to the next a segment (1 s). The media playlist offers EXT-X-SERVER-CONTROL
 * CAN-BLOCK-RELOAD, PART-HOLD-BACK and an EXT-X-PRELOAD-HINT for the next part; a playlist request
 * with `_HLS_msn`/`_HLS_part` is held until that part exists, and a request for the hinted part
 * until it is written. Every request is recorded, so a test can tell parts were asked for.
 * `plain.m3u8` lists the same complete segments as plain HLS, for a latency comparison; with
 * `rtspUrl` the source is an RTSP test camera (copied), whose frames carry the pixel time code.
 * Test-only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Mp4BoxReader, hasIdr } from './fmp4-boxes.js';

export interface LlHlsServerOptions {
  /** Copy this RTSP camera's H.264 (a keyframe every second) instead of encoding testsrc2. */
  rtspUrl?: string;
}

export interface LlHlsServer {
  /** The media playlist: `http://127.0.0.1:port/ll/index.m3u8`. */
  readonly url: string;
  /** The same segments as plain HLS (no parts, no blocking reload): `…/ll/plain.m3u8`. */
  readonly plainUrl: string;
  /** Every request path with its query, oldest first. */
  readonly requests: string[];
  destroy(): Promise<void>;
}

interface Part {
  bytes: Buffer;
  durationS: number;
  independent: boolean;
}

interface Segment {
  msn: number;
  parts: Part[];
}

const FPS = 25;
const PART_TARGET_S = 0.2;
/** Segments listed; parts are listed for the newest PARTS_FOR ones only (as the spec allows). */
const WINDOW = 6;
const PARTS_FOR = 2;
/** A blocking request is answered at the latest after this (three target durations, as the spec says). */
const HOLD_MS = 3000;

const ENCODE = ['-re', '-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=${FPS}`,
  '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-tune', 'zerolatency', '-preset', 'ultrafast', '-g', String(FPS), '-keyint_min', String(FPS)];
const FRAGMENT = ['-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', String(PART_TARGET_S * 1e6), '-'];

/** Samples in a fragment: the first trun's sample_count (one sample per frame here). */
function sampleCount(moof: Buffer): number {
  const at = moof.indexOf('trun');
  return at < 0 ? 0 : moof.readUInt32BE(at + 8);
}

export async function startLlHlsServer(options: LlHlsServerOptions = {}): Promise<LlHlsServer> {
  const requests: string[] = [];
  const segments: Segment[] = [];
  const changed = new EventEmitter();
  changed.setMaxListeners(0);
  let init: Buffer | null = null;
  let ftyp: Buffer = Buffer.alloc(0);
  let moof: Buffer | null = null;
  const input = options.rtspUrl ? ['-rtsp_transport', 'tcp', '-fflags', 'nobuffer', '-i', options.rtspUrl, '-an', '-c:v', 'copy'] : ENCODE;
  const ffmpeg: ChildProcess = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', ...input, ...FRAGMENT], { stdio: ['ignore', 'pipe', 'ignore'] });
  const reader = new Mp4BoxReader();
  ffmpeg.stdout!.on('data', (chunk: Buffer) => {
    for (const box of reader.push(chunk)) {
      if (box.type === 'ftyp') ftyp = box.bytes;
      else if (box.type === 'moov') init = Buffer.concat([ftyp, box.bytes]);
      else if (box.type === 'moof') moof = box.bytes;
      else if (box.type === 'mdat' && moof) {
        const part: Part = { bytes: Buffer.concat([moof, box.bytes]), durationS: sampleCount(moof) / FPS, independent: hasIdr(box.bytes) };
        moof = null;
        if (part.independent || segments.length === 0) segments.push({ msn: (segments.at(-1)?.msn ?? -1) + 1, parts: [] });
        segments.at(-1)!.parts.push(part);
        if (segments.length > WINDOW + 2) segments.shift();
        changed.emit('part');
      }
    }
  });

  /** The segment being written (its parts listed, no EXTINF yet) is the last one. */
  const has = (msn: number, part: number | null): boolean => {
    const last = segments.at(-1);
    if (!last) return false;
    if (msn < last.msn) return true;
    return msn === last.msn && part !== null && last.parts.length > part;
  };
  const waitFor = (ready: () => boolean): Promise<boolean> =>
    new Promise((resolve) => {
      if (ready()) return resolve(true);
      const check = (): void => {
        if (!ready()) return;
        clearTimeout(timer);
        changed.off('part', check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        changed.off('part', check);
        resolve(false);
      }, HOLD_MS);
      changed.on('part', check);
    });

  /** `low`: LL-HLS; else plain HLS of the complete segments. */
  const playlist = (low: boolean): string => {
    const lines = low
      ? ['#EXTM3U', '#EXT-X-VERSION:9', '#EXT-X-TARGETDURATION:1', `#EXT-X-PART-INF:PART-TARGET=${PART_TARGET_S}`,
        `#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${(PART_TARGET_S * 3).toFixed(1)}`]
      : ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:1'];
    const listed = low ? segments.slice(-WINDOW) : segments.slice(-WINDOW - 1, -1);
    lines.push(`#EXT-X-MEDIA-SEQUENCE:${listed[0]!.msn}`, '#EXT-X-MAP:URI="init.mp4"');
    listed.forEach((s, i) => {
      const open = i === listed.length - 1;
      if (!low) return void lines.push(`#EXTINF:${s.parts.reduce((sum, p) => sum + p.durationS, 0).toFixed(3)},`, `seg-${s.msn}.m4s`);
      if (i >= listed.length - 1 - PARTS_FOR) {
        s.parts.forEach((p, n) => lines.push(`#EXT-X-PART:DURATION=${p.durationS.toFixed(3)},URI="part-${s.msn}-${n}.m4s"${p.independent ? ',INDEPENDENT=YES' : ''}`));
      }
      if (open) lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part-${s.msn}-${s.parts.length}.m4s"`);
      else lines.push(`#EXTINF:${s.parts.reduce((sum, p) => sum + p.durationS, 0).toFixed(3)},`, `seg-${s.msn}.m4s`);
    });
    return `${lines.join('\n')}\n`;
  };

  const send = (res: http.ServerResponse, type: string, body: Buffer | string): void => {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' }).end(body);
  };
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://ll');
    const name = /^\/ll\/([A-Za-z0-9_.-]+)$/.exec(url.pathname)?.[1];
    const notFound = (): void => void res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end();
    if (name === 'plain.m3u8') return segments.length > 1 ? send(res, 'application/vnd.apple.mpegurl', playlist(false)) : notFound();
    if (name === 'index.m3u8') {
      const msn = url.searchParams.get('_HLS_msn');
      const part = url.searchParams.get('_HLS_part');
      const want = msn === null ? null : { msn: Number(msn), part: part === null ? null : Number(part) };
      // A request too far ahead is refused (the spec: more than two segments beyond the last).
      if (want && want.msn > (segments.at(-1)?.msn ?? 0) + 2) return void res.writeHead(400).end();
      void waitFor(() => segments.length > 0 && (!want || has(want.msn, want.part))).then(() =>
        segments.length > 0 ? send(res, 'application/vnd.apple.mpegurl', playlist(true)) : notFound());
      return;
    }
    if (name === 'init.mp4') return init ? send(res, 'video/mp4', init) : notFound();
    const seg = /^seg-(\d+)\.m4s$/.exec(name ?? '');
    if (seg) {
      const s = segments.find((x) => x.msn === Number(seg[1]));
      return s && s !== segments.at(-1) ? send(res, 'video/iso.segment', Buffer.concat(s.parts.map((p) => p.bytes))) : notFound();
    }
    const p = /^part-(\d+)-(\d+)\.m4s$/.exec(name ?? '');
    if (!p) return notFound();
    const [msn, index] = [Number(p[1]), Number(p[2])];
    // The preload hint's part is requested before it exists: held until written.
    void waitFor(() => has(msn, index)).then(() => {
      const bytes = segments.find((x) => x.msn === msn)?.parts[index]?.bytes;
      return bytes ? send(res, 'video/iso.segment', bytes) : notFound();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Two segments before the first playlist (ffmpeg's start may take seconds on a busy machine).
  for (let tries = 0; segments.length < 2 && tries < 10 && ffmpeg.exitCode === null; tries++) await waitFor(() => segments.length > 1);
  if (segments.length < 2) throw new Error('LL-HLS test server: ffmpeg wrote no segments');

  return {
    url: `http://127.0.0.1:${port}/ll/index.m3u8`,
    plainUrl: `http://127.0.0.1:${port}/ll/plain.m3u8`,
    requests,
    destroy: async () => {
      if (ffmpeg.exitCode === null) {
        const exited = new Promise((resolve) => ffmpeg.once('exit', resolve));
        ffmpeg.kill('SIGKILL');
        await exited;
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
