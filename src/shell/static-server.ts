/**
 * A small static file server on 127.0.0.1 for the wall page (dist/renderer at /) and the project's
 * assets (/assets/), on `send`. The page needs http(s) rather than file:// so its CSP's 'self' means
 * something and fonts, workers and media load as they will on a wall.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import send from 'send';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  /** Stops serving and drops open connections; a second call waits for the first. */
  destroy(): Promise<void>;
}

export interface StaticServerOptions {
  /**
   * Extra response headers for an HTML page, from its path and query (the browser shell sends
   * each wall window's own CSP this way: `index.html?w=<window key>`).
   */
  htmlHeaders?: (path: string, query: URLSearchParams) => Record<string, string> | undefined;
}

/**
 * Serves each URL prefix ('/' , '/assets/') from its folder; longest prefix wins. The files go
 * through `send` (the pillarjs engine under express.static): it decodes the path once, refuses
 * `..` however it is written (403, answered here as 404) and null bytes, and keeps every file
 * under its folder. A folder's URL, with or without its slash, serves its index.html. Every
 * answer is `cache-control: no-store` with our content types; no ETag or Last-Modified (a wall
 * reads the files it was started with); Range requests get their bytes (video seeks). Anything
 * that is not a file here is 404.
 */
export async function startStaticServer(mounts: Record<string, string>, options: StaticServerOptions = {}): Promise<StaticServer> {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const mount = entries.find(([prefix]) => url.pathname.startsWith(prefix));
    if (!mount) return notFound(res);
    const [prefix, root] = mount;
    const serve = (path: string): void => {
      send(req, path, { root, index: ['index.html'], dotfiles: 'allow', etag: false, lastModified: false, cacheControl: false })
        .on('headers', (out: ServerResponse, file: string) => {
          const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
          const extra = type.startsWith('text/html') ? options.htmlHeaders?.(decodedPath(url), url.searchParams) : undefined;
          for (const [name, value] of Object.entries({ 'content-type': type, 'cache-control': 'no-store', ...extra })) out.setHeader(name, value);
        })
        .on('directory', () => serve(`${path}/`))
        .on('error', () => notFound(res))
        .pipe(res);
    };
    // Still percent-encoded: send decodes it, once.
    serve(`/${url.pathname.slice(prefix.length)}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    destroy: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}

function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

function notFound(res: ServerResponse): void {
  if (res.headersSent) return void res.destroy();
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}
