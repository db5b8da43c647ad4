/**
 * `GET /cameras/:id/live` (WebSocket, docs/protocol.md "Cameras"): the client's first message is
 * `{"token"}` (walls, operators, editors); the hub answers `{codec, width, height, transcoding}`,
 * then binary: the init segment, the newest GOP, then each fragment as it comes. A viewer that falls
 * behind (more than MAX_BUFFERED bytes unsent) skips fragments until the next keyframe. The
 * WebSocket server only takes upgrades on /cameras/…: socket.io keeps its own.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TokenRegistry } from '../auth.js';
import type { CameraStatus } from './camera-state.js';
import type { PullViewer } from './camera-pull.js';
import type { CameraGateway } from './gateway.js';
import type { Mp4Fragment } from './mp4-boxes.js';

export const LIVE_PATH = /^\/cameras\/([^/]+)\/live\/?$/;
export const CLOSE_BAD_TOKEN = 4401;
export const CLOSE_UNKNOWN_CAMERA = 4404;
export const CLOSE_UNAVAILABLE = 4503;
const VIEWER_ROLES = new Set(['wall', 'operator', 'editor']);
/** Time a client has to send its token. */
const TOKEN_WAIT_MS = 5000;
/** Time a viewer of a camera still connecting waits for its video before 4503. */
const VIDEO_WAIT_MS = 8000;
const MAX_BUFFERED = 4 * 1024 * 1024;

export function attachLiveSockets(server: HttpServer, gateway: CameraGateway, tokens: TokenRegistry): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://hub');
    const m = LIVE_PATH.exec(url.pathname);
    if (!m) return; // socket.io's, or nobody's (engine.io ends unknown upgrades)
    wss.handleUpgrade(req, socket, head, (ws) => serveViewer(ws, decodeURIComponent(m[1]!), url.searchParams.get('sub') === '1', gateway, tokens));
  };
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  };
}

function serveViewer(ws: WebSocket, id: string, sub: boolean, gateway: CameraGateway, tokens: TokenRegistry): void {
  const tokenTimer = setTimeout(() => ws.close(CLOSE_BAD_TOKEN, 'no token'), TOKEN_WAIT_MS);
  ws.once('message', (data, isBinary) => {
    clearTimeout(tokenTimer);
    let token: unknown;
    try {
      token = isBinary ? null : (JSON.parse(String(data)) as { token?: unknown }).token;
    } catch {
      token = null;
    }
    const principal = tokens.verify(token);
    if (!principal || !VIEWER_ROLES.has(principal.role)) return ws.close(CLOSE_BAD_TOKEN, 'bad token');
    if (!gateway.has(id)) return ws.close(CLOSE_UNKNOWN_CAMERA, 'unknown camera');
    const pull = gateway.pull(id, sub);
    if (!pull) return ws.close(CLOSE_UNAVAILABLE, gateway.status(id)?.state ?? 'unavailable');
    const viewer = new SocketViewer(ws);
    const videoTimer = setTimeout(() => {
      if (!viewer.started) ws.close(CLOSE_UNAVAILABLE, pull.status.state);
    }, VIDEO_WAIT_MS);
    ws.on('close', () => {
      clearTimeout(videoTimer);
      pull.remove(viewer);
    });
    const state = pull.status.state;
    if (state !== 'connecting' && state !== 'live' && state !== 'stalled') return ws.close(CLOSE_UNAVAILABLE, state);
    pull.add(viewer);
  });
  ws.on('close', () => clearTimeout(tokenTimer));
  ws.on('error', () => ws.terminate());
}

class SocketViewer implements PullViewer {
  public started = false;
  private waitingForKeyframe = false;

  public constructor(private readonly ws: WebSocket) {}

  public start(status: CameraStatus, init: Buffer): void {
    if (this.started) return; // a new stream after a restart: end() closed this socket already
    this.started = true;
    this.ws.send(JSON.stringify({ codec: status.codec, width: status.width, height: status.height, transcoding: status.transcoding }));
    this.ws.send(init, { binary: true });
  }

  public fragment(fragment: Mp4Fragment): void {
    if (!this.started || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED) this.waitingForKeyframe = true;
    if (this.waitingForKeyframe && !fragment.keyframe) return;
    this.waitingForKeyframe = false;
    this.ws.send(fragment.bytes, { binary: true });
  }

  public end(status: CameraStatus): void {
    // The next stream has a new init and new timestamps: the client starts over on a new socket.
    if (this.started) this.ws.close(CLOSE_UNAVAILABLE, status.state === 'live' ? 'restarted' : status.state);
  }
}
