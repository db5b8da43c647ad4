/**
 * The console's hub side against a real in-process hub: namespace /console takes operator tokens
 * only, walls' thumbnails reach consoles (event) and the REST API (bytes, operator role), alert
 * and layout events are forwarded, and the page is served with a strict CSP.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type ThumbnailInfo } from '../../src/core/protocol/console-protocol.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, testHub, type RawWallSocket } from '../support/hub-fixtures.js';
import { solidPng, thumbnailPayload } from '../support/thumbnail-fixtures.js';

type Hub = Awaited<ReturnType<typeof testHub>>;

function consoleSocket(url: string, token: string | undefined): Socket {
  return io(`${url}${CONSOLE_NAMESPACE}`, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
}

function refusal(socket: Socket): Promise<{ message: string; data?: { code: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', (e) => resolve(e as never));
  });
}

describe('console hub side', () => {
  let hub: Hub;
  const sockets: (Socket | RawWallSocket)[] = [];
  const track = <S extends Socket | RawWallSocket>(s: S): S => (sockets.push(s), s);

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ layouts: undefined, console: { thumbnailMinIntervalMs: 0 } });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await hub?.cleanup();
  });

  async function operatorConsole(): Promise<Socket> {
    const s = track(consoleSocket(hub.url, TOKENS.operator));
    const hello = await nextEvent<{ name: string; role: string }>(s, 'hello');
    expect(hello).toMatchObject({ name: 'Nguyễn Thị Lan', role: 'operator' });
    return s;
  }

  async function wall(): Promise<RawWallSocket> {
    const w = track(rawWall(hub.url));
    await nextEvent(w, 'snapshot');
    return w;
  }

  it('refuses consoles without an operator token', async () => {
    expect((await refusal(track(consoleSocket(hub.url, undefined)))).message).toBe('unauthorized');
    expect((await refusal(track(consoleSocket(hub.url, 'not-a-token-at-all-0123456789')))).message).toBe('unauthorized');
    expect((await refusal(track(consoleSocket(hub.url, '')))).message).toBe('unauthorized');
    // The handshake is checked against its schema first: an unknown field is named.
    const odd = track(io(`${hub.url}${CONSOLE_NAMESPACE}`, { auth: { token: TOKENS.operator, constructor: 1 }, transports: ['websocket'], reconnection: false, forceNew: true }));
    expect(await refusal(odd)).toMatchObject({ message: 'bad-handshake', data: { code: 'bad-handshake', detail: 'constructor: is not a known field' } });
    for (const token of [TOKENS.wall, TOKENS.integration]) {
      const r = await refusal(track(consoleSocket(hub.url, token)));
      expect(r.message).toBe('forbidden');
      expect(r.data?.code).toBe('forbidden');
    }
    await operatorConsole();
  });

  it('an operator console cannot connect as a wall, nor a wall token read thumbnails', async () => {
    const w = track(rawWall(hub.url, { token: TOKENS.operator, protocol: 1, identity: IDENTITY }));
    expect((await refusal(w as unknown as Socket)).message).toBe('forbidden');
    for (const token of [TOKENS.wall, TOKENS.integration]) {
      expect((await api(hub.url, 'GET', '/api/walls/w1/thumbnail', token)).status).toBe(403);
      expect((await api(hub.url, 'GET', '/api/thumbnails', token)).status).toBe(403);
    }
    expect((await api(hub.url, 'GET', '/api/walls/w1/thumbnail', null)).status).toBe(401);
  });

  it('passes a wall thumbnail to consoles and serves its bytes to operators', async () => {
    const c = await operatorConsole();
    const w = await wall();
    const pushed = nextEvent<ThumbnailInfo>(c, 'thumbnail');
    const payload = thumbnailPayload([200, 30, 40]);
    w.emit('thumbnail', payload);
    const info = await pushed;
    expect(info).toMatchObject({ node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2'], mime: 'image/png', at: payload.at, width: 32, height: 18 });
    expect(info).not.toHaveProperty('data');

    const res = await fetch(`${hub.url}/api/walls/w1/thumbnail?node=node-1`, { headers: { Authorization: `Bearer ${TOKENS.operator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-thumbnail-at')).toBe(String(payload.at));
    expect(Buffer.from(await res.arrayBuffer()).equals(solidPng(32, 18, [200, 30, 40]))).toBe(true);

    const list = await api(hub.url, 'GET', '/api/thumbnails', TOKENS.operator);
    expect(list.body.thumbnails).toEqual([info]);
    expect((await api(hub.url, 'GET', '/api/walls/w9/thumbnail', TOKENS.operator)).status).toBe(404);
    expect((await api(hub.url, 'GET', '/api/walls/w1/thumbnail?node=..%2Fx', TOKENS.operator)).status).toBe(400);
  });

  it('drops thumbnails that fail the checks; the connection stays', async () => {
    const c = await operatorConsole();
    const w = await wall();
    let pushed = 0;
    c.on('thumbnail', () => (pushed += 1));
    w.emit('thumbnail', { ...thumbnailPayload([1, 2, 3]), window: 'w2' });
    w.emit('thumbnail', { ...thumbnailPayload([1, 2, 3]), mime: 'image/jpeg' });
    w.emit('thumbnail', { ...thumbnailPayload([1, 2, 3]), data: 'A'.repeat(200_000) });
    w.emit('thumbnail', 'junk' as never);
    // A good one after the bad ones arrives, and it is the only one: the socket stayed up.
    const good = nextEvent<ThumbnailInfo>(c, 'thumbnail');
    w.emit('thumbnail', thumbnailPayload([9, 9, 9]));
    await good;
    expect(pushed).toBe(1);
    expect(w.connected).toBe(true);
  });

  it('a packet over the socket cap closes the wall connection', async () => {
    const w = await wall();
    const closed = nextEvent(w, 'disconnect');
    w.emit('thumbnail', { ...thumbnailPayload([1, 2, 3]), data: 'A'.repeat(300 * 1024) });
    await closed;
  });

  it('forwards alert and layout events to consoles', async () => {
    const c = await operatorConsole();
    const raised = nextEvent<{ kind: string; alert: { id: string } }>(c, 'alert', (e) => e.kind === 'raised');
    const r = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'con-1', severity: 'major', sector: 'flood', area: 'Cà Mau', title: 'Ngập <b>đường</b>' });
    expect(r.status).toBe(201);
    expect((await raised).alert.id).toBe('con-1');
    const acked = nextEvent<{ kind: string; alert: { acknowledgedBy?: string } }>(c, 'alert', (e) => e.kind === 'acknowledged');
    expect((await api(hub.url, 'POST', '/api/alerts/con-1/ack', TOKENS.operator, {})).status).toBe(200);
    expect((await acked).alert.acknowledgedBy).toBe('Nguyễn Thị Lan');

    const changed = nextEvent<{ event: string }>(c, 'layout:changed');
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' })).status).toBe(202);
    expect((await changed).event).toMatch(/^layout:/);
  });

  it('serves the console page with a strict CSP, and only its own files', async () => {
    for (const path of ['/console', '/console/']) {
      const res = await fetch(`${hub.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain('/console/console.js');
    }
    expect((await fetch(`${hub.url}/console/console.js`)).headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${hub.url}/console/tokens.json`)).status).toBe(404);
    expect((await fetch(`${hub.url}/console/..%2Ftokens.json`)).status).toBe(404);
  });
});
