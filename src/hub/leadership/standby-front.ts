/**
 * What a standby hub answers on its port while another hub leads (docs/scaling.md "Active and
 * standby hubs"): it holds no state and writes nothing, it only sends everyone to the leader.
 *
 * Every answer closes its connection (a takeover closes the port under kept-alive ones).
 *
 * - `GET /healthz` → 200 `{ ok: true, role: "standby", leader, protocol, hubTime }`;
 * - `/api…` and anything else → 503 `{ error: { code: "not-leader", message }, leader }` with
 *   `Retry-After` (no `Location`: a REST client must not replay a POST elsewhere unasked);
 * - `GET /console…` (the operator console's pages) → 307 to the same path on the leader;
 * - socket.io `/wall` and `/console` → `connect_error` `not-leader` with `data.leader`.
 *
 * `leader` is the leader's advertised URL as the lease row has it now, or null while none leads.
 * Messages a person reads follow the request's Accept-Language: Vietnamese unless it prefers English.
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from 'socket.io';
import { hubBaseUrl } from '../../core/page/hub-config.js';
import { CONSOLE_NAMESPACE } from '../../core/protocol/console-protocol.js';
import { PROTOCOL_VERSION, WALL_NAMESPACE, type ConnectErrorData } from '../../core/protocol/protocol.js';
import { sendJson } from '../http.js';
import { createHubServer, type HubTransport } from '../transport.js';

export interface StandbyFrontOptions {
  transport: HubTransport;
  port: number;
  host: string;
  /** The leader's URL now (null: none leads). */
  leader: () => string | null;
  now?: () => number;
}

export interface StandbyFront {
  readonly url: string;
  readonly port: number;
  /** Closes the port (every connection dropped) so the full hub can listen on it. */
  close(): Promise<void>;
}

type Lang = 'vi' | 'en';

function langOf(req: IncomingMessage): Lang {
  const header = (req.headers['accept-language'] ?? '').toLowerCase();
  const first = header.split(',')[0]?.trim() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export function notLeaderMessage(leader: string | null, lang: Lang): string {
  if (lang === 'en') {
    return leader
      ? `this hub is a standby: the hub leading now is ${leader}; send the request there`
      : 'this hub is a standby and no hub leads at this moment (a takeover is under way): try again in a few seconds';
  }
  return leader
    ? `hub này đang dự phòng: hub chính lúc này là ${leader}; hãy gửi yêu cầu tới đó`
    : 'hub này đang dự phòng và lúc này chưa có hub chính (đang chuyển giao): hãy thử lại sau vài giây';
}

function answer(req: IncomingMessage, res: ServerResponse, o: StandbyFrontOptions): void {
  const leader = o.leader();
  // No kept-alive connections: this port becomes the full hub's on a takeover, and a client's
  // pooled connection to the front would then fail its next request.
  res.setHeader('Connection', 'close');
  const path = new URL(req.url ?? '/', 'http://hub').pathname;
  if (path === '/healthz' && req.method === 'GET') {
    return sendJson(res, 200, { ok: true, role: 'standby', leader, protocol: PROTOCOL_VERSION, hubTime: (o.now ?? Date.now)() });
  }
  if (leader && req.method === 'GET' && (path === '/console' || path.startsWith('/console/'))) {
    res.writeHead(307, { Location: `${hubBaseUrl(leader)}${req.url ?? '/'}`, 'Cache-Control': 'no-store', 'Content-Length': 0 });
    return void res.end();
  }
  res.setHeader('Retry-After', '2');
  sendJson(res, 503, { error: { code: 'not-leader', message: notLeaderMessage(leader, langOf(req)) }, leader });
}

/** Listens on host:port with the hub's transport; resolves once listening. */
export async function startStandbyFront(o: StandbyFrontOptions): Promise<StandbyFront> {
  const { server: http, scheme } = createHubServer(o.transport, (req, res) => answer(req, res, o));
  const io = new Server(http, { serveClient: false, cors: { origin: '*' } });
  for (const name of [WALL_NAMESPACE, CONSOLE_NAMESPACE]) {
    io.of(name).use((socket, next) => {
      const leader = o.leader();
      const lang: Lang = (socket.handshake.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'vi';
      const data: ConnectErrorData = { code: 'not-leader', protocol: PROTOCOL_VERSION, detail: notLeaderMessage(leader, lang), leader };
      next(Object.assign(new Error('not-leader'), { data }));
    });
  }
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port, o.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `${scheme}://${host}:${address.port}`,
    port: address.port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        io.close(() => resolve());
        http.closeAllConnections();
      })),
  };
}
