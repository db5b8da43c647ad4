/**
 * The operator console's hub side (docs/console.md):
 *
 * - walls' `thumbnail` events on `/wall` are checked and the latest per window kept (ThumbnailStore);
 * - namespace `/console` (operator tokens only) pushes what changed: thumbnails, alert events, layout
 *   events and wall changes; consoles read the details through the REST API;
 * - walls are told (`thumbnail:rate` on `/wall`) to send thumbnails every 2 s while a console is
 *   connected and every 10 s when none is: live pictures while someone looks, little CPU otherwise;
 * - REST: `GET /api/thumbnails`, `GET /api/walls/:window/thumbnail[?node=]` (operator role);
 * - the console page itself at `/console/` (built by src/shell/build-console.ts into dist/console),
 *   served with a strict CSP.
 *
 * Everything here is additive: the wall namespace and the services are not changed. Alert and
 * layout events are seen by wrapping the `/wall` namespace's `emit` (one place every broadcast to
 * walls goes through), so the console hears exactly what walls hear.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import send from 'send';
import type { ExtendedError, Namespace } from 'socket.io';
import {
  CONSOLE_NAMESPACE,
  type ConsoleClientToServerEvents,
  type ConsoleServerToClientEvents,
} from '../core/protocol/console-protocol.js';
import { ALERT_EVENTS, type Alert } from '../core/protocol/alerts.js';
import type { Role } from '../core/protocol/rest-bodies.js';
import { checkConsoleHandshake } from '../core/protocol/protocol-validate.js';
import { checkId, checkThumbnailQuery } from '../core/protocol/rest-validate.js';
import type { Principal, TokenRegistry } from './auth.js';
import type { WallNamespace, WallSocket } from './fanout.js';
import { HttpError, query, sendJson, type Router } from './http.js';
import { ThumbnailStore } from './thumbnails.js';

/** dist/console beside dist/hub (this file is src/hub/ or dist/hub/: two folders below the root). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** Roles that may open the console and read thumbnails (editors are operators who may also change presets). */
export const CONSOLE_ROLES: readonly Role[] = ['operator', 'editor'];

export interface ConsoleOptions {
  /** Folder of the built console page (default dist/console). */
  dir?: string;
  /** A window's thumbnails closer together than this are dropped (default 1000 ms). */
  thumbnailMinIntervalMs?: number;
  /** The `thumbnail:rate` walls are told while at least one console is connected (default 2000 ms)... */
  thumbnailLiveEveryMs?: number;
  /** ...and while none is (default 10 000 ms, the walls' own default). */
  thumbnailIdleEveryMs?: number;
}

export interface ConsoleDeps {
  io: { of(name: string): unknown };
  wallNs: WallNamespace;
  router: Router;
  tokens: TokenRegistry;
  now: () => number;
  log: (message: string) => void;
  options?: ConsoleOptions;
}

type ConsoleNamespace = Namespace<ConsoleClientToServerEvents, ConsoleServerToClientEvents, Record<string, never>, { principal: Principal }>;

export interface ConsoleHandle {
  readonly thumbnails: ThumbnailStore;
  /** Tells consoles a preset was saved (`version`) or deleted (null). */
  presetChanged(event: { id: string; version: number | null }): void;
  /** Tells consoles the automation changed (GET /api/schedule); several changes in a burst make one event. */
  automationChanged(): void;
  /** Stops the walls-changed timer; safe to call twice. */
  destroy(): void;
}

/** Files of the built console the hub serves; anything else is 404. */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.js.map': 'application/json; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The console page's CSP: its own scripts and styles only, images from itself and blob: (the
 * thumbnails, fetched with the token), connections to the hub only (http and its WebSocket).
 */
export function consoleCsp(host: string | undefined): string {
  const ws = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob:",
    `connect-src 'self'${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function setUpConsole(d: ConsoleDeps): ConsoleHandle {
  const { wallNs, router, now } = d;
  const dir = d.options?.dir ?? CONSOLE_DIST;
  const thumbnails = new ThumbnailStore(now, d.options?.thumbnailMinIntervalMs ?? 1000);
  const ns = d.io.of(CONSOLE_NAMESPACE) as unknown as ConsoleNamespace;

  ns.use((socket, next) => {
    const refuse = (code: 'bad-handshake' | 'unauthorized' | 'forbidden', detail: string): void => {
      const err = new Error(code) as ExtendedError;
      err.data = { code, detail };
      next(err);
    };
    const auth = checkConsoleHandshake(socket.handshake.auth ?? {});
    if (!auth.ok) return refuse('bad-handshake', auth.errors.join('; '));
    const principal = d.tokens.verify(auth.value.token);
    if (!principal) return refuse('unauthorized', 'missing or unknown token');
    if (!CONSOLE_ROLES.includes(principal.role)) return refuse('forbidden', `a ${principal.role} token cannot open the console`);
    socket.data = { principal };
    next();
  });
  // Thumbnails fast while someone looks: the rate follows the number of consoles connected.
  const liveEveryMs = d.options?.thumbnailLiveEveryMs ?? 2000;
  const idleEveryMs = d.options?.thumbnailIdleEveryMs ?? 10_000;
  let consoles = 0;
  const rate = (): { everyMs: number } => ({ everyMs: consoles > 0 ? liveEveryMs : idleEveryMs });
  ns.on('connection', (socket) => {
    socket.emit('hello', { name: socket.data.principal.name, role: socket.data.principal.role, hubTime: now() });
    if (++consoles === 1) wallNs.emit('thumbnail:rate', rate());
    socket.on('disconnect', () => {
      if (--consoles === 0) wallNs.emit('thumbnail:rate', rate());
    });
  });

  // Walls changed: at most one hint a second (health reports arrive every 5 s per window).
  let wallsTimer: ReturnType<typeof setTimeout> | null = null;
  const wallsChanged = (): void => {
    wallsTimer ??= setTimeout(() => {
      wallsTimer = null;
      ns.emit('walls:changed', { hubTime: now() });
    }, 1000);
  };

  // An alert storm changes the automation a hundred times: consoles hear of it once per burst.
  let automationTimer: ReturnType<typeof setTimeout> | null = null;
  const automationChanged = (): void => {
    automationTimer ??= setTimeout(() => {
      automationTimer = null;
      ns.emit('automation:changed', { hubTime: now() });
    }, 50);
  };

  // Every broadcast to walls passes here: forward alert and layout events to consoles.
  const originalEmit = wallNs.emit.bind(wallNs) as (event: string, ...args: unknown[]) => boolean;
  (wallNs as unknown as { emit: (event: string, ...args: unknown[]) => boolean }).emit = (event, ...args) => {
    try {
      if ((ALERT_EVENTS as readonly string[]).includes(event)) {
        const kind = event.slice('alert:'.length) as 'raised' | 'updated' | 'acknowledged' | 'cleared';
        ns.emit('alert', { kind, alert: args[0] as Alert });
      } else if (event.startsWith('layout:')) {
        ns.emit('layout:changed', { event, hubTime: now() });
      }
    } catch (e) {
      d.log(`console: forwarding ${event} failed: ${(e as Error).message}`);
    }
    return originalEmit(event, ...args);
  };

  wallNs.on('connection', (socket: WallSocket) => {
    const { identity } = socket.data;
    wallsChanged();
    socket.emit('thumbnail:rate', rate());
    socket.on('thumbnail', (raw: unknown) => {
      const out = thumbnails.accept(identity, raw);
      if (out.ok) ns.emit('thumbnail', out.info);
    });
    socket.on('health', () => wallsChanged());
    socket.on('layout:switched', () => {
      ns.emit('layout:changed', { event: 'layout:switched', hubTime: now() });
      wallsChanged();
    });
    socket.on('disconnect', () => wallsChanged());
  });

  // REST
  router.add('GET', '/api/thumbnails', CONSOLE_ROLES, ({ res }) => sendJson(res, 200, { hubTime: now(), thumbnails: thumbnails.list() }));
  router.add('GET', '/api/walls/:window/thumbnail', CONSOLE_ROLES, (ctx) => {
    const { res, params } = ctx;
    const window = checkId(params.window);
    if (!window.ok) throw new HttpError(400, 'invalid', 'bad window id', window.errors);
    const { node } = query(ctx, checkThumbnailQuery);
    const found = thumbnails.get(window.value, node);
    if (found === 'ambiguous') throw new HttpError(409, 'ambiguous', `several nodes have a window ${window.value}; add ?node=`);
    if (!found) throw new HttpError(404, 'not-found', `no thumbnail of window ${window.value} yet`);
    res.writeHead(200, {
      'Content-Type': found.info.mime,
      'Content-Length': found.data.length,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      'X-Thumbnail-Node': found.info.node,
      'X-Thumbnail-At': String(found.info.at),
    });
    res.end(found.data);
  });

  // The page: the built console's own files (FILES) only, read through `send`.
  const serve = (file: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const type = FILES[file];
    if (!type) throw new HttpError(404, 'not-found', `no console file ${file}`);
    const headers = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': consoleCsp(req.headers.host),
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    return new Promise<void>((resolve, reject) => {
      res.once('close', resolve);
      send(req, `/${encodeURIComponent(file)}`, { root: dir, index: false, etag: false, lastModified: false, cacheControl: false, acceptRanges: false })
        .on('headers', (out: ServerResponse) => {
          for (const [name, value] of Object.entries(headers)) out.setHeader(name, value);
        })
        .on('error', () => reject(new HttpError(503, 'console-not-built', 'the console is not built: run npm run build:console')))
        .on('end', resolve)
        .pipe(res);
    });
  };
  router.add('GET', '/console', 'public', ({ req, res }) => serve('index.html', req, res));
  router.add('GET', '/console/:file', 'public', ({ req, res, params }) => serve(params.file ?? '', req, res));

  return {
    thumbnails,
    presetChanged: (event) => void ns.emit('presets:changed', { ...event, hubTime: now() }),
    automationChanged,
    destroy: () => {
      if (automationTimer) clearTimeout(automationTimer);
      automationTimer = null;
      if (wallsTimer) clearTimeout(wallsTimer);
      wallsTimer = null;
    },
  };
}
