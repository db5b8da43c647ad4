// Conformance of a standby hub's front to docs/protocol.md ("Standby hubs"), on the wire: a raw
// socket.io client and plain fetch, no wall client.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSOLE_NAMESPACE } from '../../src/core/protocol/console-protocol.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { startStandbyFront, type StandbyFront } from '../../src/hub/leadership/standby-front.js';
import { io } from 'socket.io-client';
import { TOKENS, api, nextEvent, rawWall, type RawWallSocket } from '../support/hub-fixtures.js';

describe('standby hub front (raw socket.io client, fetch)', () => {
  let front: StandbyFront;
  let leader: string | null = 'https://hub-a.ioc.example:7400';
  const sockets: { disconnect(): unknown }[] = [];

  beforeEach(async () => {
    leader = 'https://hub-a.ioc.example:7400';
    front = await startStandbyFront({ transport: { insecure: true }, port: 0, host: '127.0.0.1', leader: () => leader, now: () => 1_700_000_000_000 });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await front.close();
  });

  it('/healthz says standby and names the leader', async () => {
    const r = await api(front.url, 'GET', '/healthz', null);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, role: 'standby', leader, protocol: PROTOCOL_VERSION, hubTime: 1_700_000_000_000 });
  });

  it('refuses REST with 503 not-leader naming the leader (no Location), in Vietnamese unless English is preferred', async () => {
    const r = await api(front.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'a.b', value: 1 }] });
    expect(r.status).toBe(503);
    expect(r.headers.get('location')).toBeNull();
    expect(r.headers.get('retry-after')).toBe('2');
    expect(r.headers.get('connection')).toBe('close');
    expect(r.body.leader).toBe(leader);
    expect(r.body.error.code).toBe('not-leader');
    expect(r.body.error.message).toContain('dự phòng');
    expect(r.body.error.message).toContain(leader);
    const en = await api(front.url, 'GET', '/api/alerts', TOKENS.operator, undefined, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(en.status).toBe(503);
    expect(en.body.error.message).toBe(`this hub is a standby: the hub leading now is ${leader}; send the request there`);
  });

  it('names no leader (null) while a takeover is under way', async () => {
    leader = null;
    const r = await api(front.url, 'GET', '/api/topics', TOKENS.operator);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ error: { code: 'not-leader' }, leader: null });
    expect((await api(front.url, 'GET', '/healthz', null)).body.leader).toBeNull();
    // No leader to send the console to: the same refusal, not a redirect.
    expect((await fetch(`${front.url}/console/`, { redirect: 'manual' })).status).toBe(503);
  });

  it('sends the console\'s pages to the leader with 307, path and query kept', async () => {
    const r = await fetch(`${front.url}/console/app.js?v=3`, { redirect: 'manual' });
    expect(r.status).toBe(307);
    expect(r.headers.get('location')).toBe(`${leader}/console/app.js?v=3`);
    const root = await fetch(`${front.url}/console`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe(`${leader}/console`);
  });

  it('refuses a wall with connect_error not-leader carrying the leader URL, whatever the handshake', async () => {
    const wall: RawWallSocket = rawWall(front.url);
    sockets.push(wall);
    const err = await nextEvent<Error & { data: { code: string; protocol: number; leader: string | null; detail: string } }>(wall, 'connect_error');
    expect(err.message).toBe('not-leader');
    expect(err.data).toMatchObject({ code: 'not-leader', protocol: PROTOCOL_VERSION, leader });
    expect(err.data.detail).toContain(leader);
    leader = 'https://hub-b.ioc.example:7400';
    const bad = rawWall(front.url, {});
    sockets.push(bad);
    const second = await nextEvent<Error & { data: { leader: string } }>(bad, 'connect_error');
    expect(second.data.leader).toBe('https://hub-b.ioc.example:7400');
  });

  it('refuses the console namespace the same way', async () => {
    const c = io(`${front.url}${CONSOLE_NAMESPACE}`, { auth: { token: TOKENS.operator }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(c);
    const err = await nextEvent<Error & { data: { code: string; leader: string } }>(c, 'connect_error');
    expect(err.data).toMatchObject({ code: 'not-leader', leader });
  });
});
