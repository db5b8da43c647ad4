// A tiny static HTTP server for simulated cameras' HLS files: MIME types hls.js expects, no caching of
// playlists, CORS for any origin, keep-alive, and a switch that makes one camera's requests stall.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Options of {@link startHlsServer}. */
export interface HlsServerOptions {
  /** Folder served at `/`; a camera's files are under `root/<cameraId>/`. */
  root: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

/** How a blocked camera's requests fail: `hang` holds them open until unblock (or close); `503` answers at once. */
export type BlockMode = 'hang' | 503;

/** A running server. */
export interface HlsServer {
  /** `http://host:port/`, so that `new URL('cam-01/index.m3u8', url)` names a playlist. */
  readonly url: string;
  readonly port: number;
  /** Requests whose first path segment is `cameraId` stall (default) or get 503 until {@link unblock}. */
  block(cameraId: string, mode?: BlockMode): void;
  /** Serves the camera again; held requests are then answered normally. */
  unblock(cameraId: string): void;
  /** How many of the camera's requests are being held by a `hang` block. */
  pending(cameraId: string): number;
  /** Stops listening, ends held requests and keep-alive connections. */
  destroy(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/mp4',
  '.mp4': 'video/mp4',
  '.aac': 'audio/aac',
  '.vtt': 'text/vtt',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Range',
};

export async function startHlsServer(options: HlsServerOptions): Promise<HlsServer> {
  const root = await realpath(path.resolve(options.root));
  const blocked = new Map<string, BlockMode>();
  const held = new Map<string, Array<() => void>>();

  const server = http.createServer((req, res) => {
    const cameraId = firstSegment(req.url ?? '/');
    const mode = cameraId === undefined ? undefined : blocked.get(cameraId);
    if (mode === 'hang' && cameraId !== undefined) {
      const list = held.get(cameraId) ?? [];
      const go = (): void => void serve(root, req, res);
      list.push(go);
      held.set(cameraId, list);
      res.once('close', () => {
        const i = list.indexOf(go); // the client gave up: forget it
        if (i >= 0) list.splice(i, 1);
      });
      return;
    }
    if (mode === 503) return reply(res, 503, 'camera blocked');
    void serve(root, req, res);
  });
  server.keepAliveTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}/`,
    port,
    block(cameraId, mode = 'hang') {
      blocked.set(cameraId, mode);
    },
    unblock(cameraId) {
      blocked.delete(cameraId);
      const list = held.get(cameraId) ?? [];
      held.delete(cameraId);
      for (const go of list) go();
    },
    pending(cameraId) {
      return held.get(cameraId)?.length ?? 0;
    },
    destroy() {
      blocked.clear();
      held.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive and held requests would otherwise keep close() waiting
      });
    },
  };
}

/** The first path segment of a request URL, decoded; undefined when absent or malformed. */
function firstSegment(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0]?.split('/')[1] ?? '') || undefined;
  } catch {
    return undefined;
  }
}

async function serve(root: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method === 'OPTIONS') return reply(res, 204, '');
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed', { Allow: 'GET, HEAD, OPTIONS' });

  const file = await resolveFile(root, req.url ?? '/');
  if (typeof file === 'number') return reply(res, file, file === 404 ? 'not found' : 'refused');

  const ext = path.extname(file.path).toLowerCase();
  const etag = `"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  const headers = {
    ...CORS,
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    // A playlist changes every segment; a segment's name may be reused when a camera restarts, so both revalidate.
    'Cache-Control': 'no-cache',
    ETag: etag,
    'Last-Modified': new Date(file.mtimeMs).toUTCString(),
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': file.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file.path)
    .on('error', () => res.destroy()) // deleted after stat (a segment sliding out): the client sees a cut body
    .pipe(res);
}

/** The regular file a URL names inside root, or 400 / 403 / 404. Any `..` segment is refused outright. */
async function resolveFile(root: string, url: string): Promise<{ path: string; size: number; mtimeMs: number } | number> {
  let rel: string;
  try {
    rel = decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return 400;
  }
  if (rel.includes('\0') || rel.includes('\\')) return 400;
  if (rel.split('/').some((s) => s === '..')) return 403;
  const full = path.resolve(root, `.${rel}`);
  if (!isInside(root, full)) return 403;
  try {
    const real = await realpath(full); // a symlink pointing out of root is refused too
    if (!isInside(root, real)) return 403;
    const st = await stat(real);
    return st.isFile() ? { path: real, size: st.size, mtimeMs: st.mtimeMs } : 404;
  } catch {
    return 404;
  }
}

function isInside(root: string, full: string): boolean {
  return full === root || full.startsWith(root + path.sep);
}

function reply(res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...extra });
  res.end(body);
}
