// Regression tests of the input defects of issue 11, against a real hub (in process): fields named
// after built-in object members (D1) over REST and in the handshake, the documented nesting limit
// (D2), and a handshake over the packet limit, which the wall client must report instead of hanging.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol/limits.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import type { ConnectionStateEvent } from '../../src/renderer/net/events.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { IDENTITY, TOKENS, api, nextBusEvent, nextEvent, rawWall, testHub, type RawWallSocket } from '../support/hub-fixtures.js';
import { RecordingSink } from '../support/recording-sink.js';

type TestHub = Awaited<ReturnType<typeof testHub>>;

/** Members every plain object inherits: a check with `key in shape` took them for known fields. */
const PROTOTYPE_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__'];

/**
 * `value` as JSON text with `key` added to the object at `path` (dot path, '' for the top). Built as
 * text so `__proto__` travels as a key, as an integrator's JSON would carry it; its value is an
 * object, which would become a prototype if the hub assigned it anywhere.
 */
function withKey(value: unknown, path: string, key: string): string {
  const copy = structuredClone(value) as Record<string, any>;
  let target = copy;
  for (const part of path ? path.split('.') : []) target = target[part];
  target['MARKER-KEY'] = 0;
  return JSON.stringify(copy).replace('"MARKER-KEY":0', `${JSON.stringify(key)}:{"polluted":true}`);
}

describe('D1: fields named after built-in members are unknown fields', () => {
  let hub: TestHub;
  const layouts = [{ file: 'l.yaml', id: 'overview', title: { vi: 'Tổng quan', en: 'Overview' }, theme: 't', subdivision: { columns: 1, rows: 1 }, tiles: [] }];
  beforeAll(async () => {
    hub = await testHub({ layouts });
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'p-1', severity: 'minor', sector: 'flood', area: 'U Minh', title: 'Triều cường' });
    expect(raised.status).toBe(201);
    const preset = await api(hub.url, 'PUT', '/api/presets/ca-dem', TOKENS.editor, { title: { vi: 'Ca đêm' }, layout: 'overview', cameras: [], version: 0 });
    expect(preset.status).toBe(201);
  });
  afterAll(async () => {
    await hub.cleanup();
  });

  // Every REST body that checks for unknown fields, valid as given, and where a key can go.
  const bodies: { method: string; url: string; token: string; body: unknown; at: string[] }[] = [
    { method: 'POST', url: '/api/data', token: TOKENS.integration, body: { updates: [{ topic: 'a.b', value: 1 }] }, at: ['', 'updates.0'] },
    { method: 'POST', url: '/api/alerts', token: TOKENS.integration, body: { severity: 'minor', sector: 'flood', area: 'U Minh', title: 'Triều cường' }, at: [''] },
    { method: 'PATCH', url: '/api/alerts/p-1', token: TOKENS.integration, body: { title: 'Cập nhật' }, at: [''] },
    { method: 'POST', url: '/api/alerts/p-1/ack', token: TOKENS.operator, body: { screen: 'r1c1' }, at: [''] },
    { method: 'POST', url: '/api/alerts/p-1/clear', token: TOKENS.operator, body: { reason: 'Đã xử lý' }, at: [''] },
    { method: 'POST', url: '/api/layout', token: TOKENS.operator, body: { layout: 'overview' }, at: [''] },
    { method: 'PUT', url: '/api/presets/ca-dem', token: TOKENS.editor, body: { title: { vi: 'Ca đêm' }, layout: 'overview', cameras: [], version: 1 }, at: ['', 'title'] },
    { method: 'POST', url: '/api/presets/ca-dem/activate', token: TOKENS.operator, body: {}, at: [''] },
  ];

  for (const key of PROTOTYPE_KEYS) {
    it(`refuses "${key}" in every REST body, 400 naming the field, and changes nothing`, async () => {
      for (const { method, url, token, body, at } of bodies) {
        for (const path of at) {
          const r = await api(hub.url, method, url, token, withKey(body, path, key));
          const field = path ? `${path.replace(/\.(\d+)/g, '[$1]')}.${key}` : key;
          expect([method, url, path, r.status]).toEqual([method, url, path, 400]);
          expect(r.body.error.details).toContain(`${field}: is not a known field`);
        }
      }
      const alert = (await api(hub.url, 'GET', '/api/alerts/p-1', TOKENS.operator)).body.alert;
      expect(alert).toMatchObject({ state: 'active', title: 'Triều cường' });
      expect((await api(hub.url, 'GET', '/api/topics', TOKENS.operator)).body.topics).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('refuses "__proto__" as a key inside a topic value, naming it', async () => {
    const r = await api(hub.url, 'POST', '/api/data', TOKENS.integration, '{"updates":[{"topic":"a.b","value":{"x":{"__proto__":{"polluted":true}}}}]}');
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual(['updates[0].value: has an unacceptable key "__proto__"']);
  });

  describe('in the socket handshake', () => {
    const sockets: RawWallSocket[] = [];
    afterEach(() => {
      for (const s of sockets.splice(0)) s.disconnect();
    });
    const refusal = async (auth: Record<string, unknown>) => {
      const s = rawWall(hub.url, auth);
      sockets.push(s);
      const err = await nextEvent<Error & { data: { code: string; detail: string } }>(s, 'connect_error');
      return err.data;
    };
    const ok = { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY };

    for (const key of PROTOTYPE_KEYS) {
      it(`refuses "${key}" in the handshake and in its identity, naming the field`, async () => {
        // JSON.parse makes `__proto__` an own key, as the hub's parser sees it.
        const top = JSON.parse(withKey(ok, '', key)) as Record<string, unknown>;
        expect(await refusal(top)).toMatchObject({ code: 'bad-handshake', detail: expect.stringContaining(`${key}: is not a known field`) });
        const inIdentity = JSON.parse(withKey(ok, 'identity', key)) as Record<string, unknown>;
        expect(await refusal(inIdentity)).toMatchObject({ code: 'bad-handshake', detail: expect.stringContaining(`identity.${key}: is not a known field`) });
      });
    }

    it('still accepts the same handshake without the key', async () => {
      const s = rawWall(hub.url, ok);
      sockets.push(s);
      await nextEvent(s, 'snapshot');
    });
  });
});

describe('D2: topic values nest fewer than LIMITS.valueDepth levels (docs/protocol.md: nesting < 8)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await testHub({ layouts: [] });
  });
  afterAll(async () => {
    await hub.cleanup();
  });
  /** `levels` containers, alternating objects and arrays, around one number. */
  const nested = (levels: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { d: v };
    return v;
  };

  it(`accepts ${LIMITS.valueDepth - 1} levels and refuses ${LIMITS.valueDepth} and ${LIMITS.valueDepth + 1}, naming the value`, async () => {
    expect(LIMITS.valueDepth).toBe(8); // the number docs/protocol.md states
    const publish = (levels: number) => api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'a.b', value: nested(levels) }] });
    expect((await publish(7)).status).toBe(202);
    for (const levels of [8, 9]) {
      const r = await publish(levels);
      expect([levels, r.status]).toEqual([levels, 400]);
      expect(r.body.error.details).toEqual(['updates[0].value: is nested deeper than 7 levels (nesting < 8)']);
    }
    const topics = (await api(hub.url, 'GET', '/api/topics?values=true', TOKENS.operator)).body.topics;
    expect(topics).toEqual([expect.objectContaining({ topic: 'a.b', value: nested(7) })]);
  });
});

describe('a handshake over the packet limit', () => {
  let hub: TestHub;
  const clients: WallClient[] = [];
  beforeAll(async () => {
    hub = await testHub({ layouts: [] });
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await hub.cleanup();
  });

  it('is reported by the wall client with the cause, and retried', async () => {
    // Screen ids of 64 characters: 5000 of them make a handshake of about 340 KB.
    const screens = Array.from({ length: 5000 }, (_, i) => `s${i}-`.padEnd(LIMITS.id, 'x'));
    const client = new WallClient({
      url: hub.url,
      token: TOKENS.wall,
      identity: { ...IDENTITY, screens },
      sink: new RecordingSink(),
      storage: memoryStorage(),
      config: { reconnect: { baseMs: 50, maxMs: 200, refusedRetryMs: 60_000 }, clock: { samples: 1, sampleGapMs: 0 } },
    });
    clients.push(client);
    const failed = nextBusEvent<ConnectionStateEvent>(client.bus, 'state', (s) => s.state === 'reconnecting' || s.state === 'refused');
    client.init();
    const state = await failed;
    expect(state.reason).toMatch(new RegExp(`the handshake is \\d+ bytes, over the hub's ${LIMITS.packetBytes}-byte packet limit`));
    expect(state.retryInMs).toBeGreaterThan(0);
    await nextBusEvent<ConnectionStateEvent>(client.bus, 'state', (s) => s.state === 'connecting'); // the retry
  });
});
