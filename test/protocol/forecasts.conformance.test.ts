/**
 * Forecasts on a real in-process hub (docs/protocol.md "Forecasts", src/hub/forecasts.ts): a model
 * publishes over REST; walls that announced `forecasts` get them in the snapshot and as `forecast`
 * events, others never; bad input is refused naming the field and changes nothing stored; a
 * withdrawn forecast reaches the walls as null; forecasts survive a hub restart; a stale one is
 * listed as stale.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Snapshot } from '../../src/core/protocol/protocol.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { checkForecastEvent, checkSnapshot } from '../../src/core/protocol/protocol-validate.js';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, tempDir, testHub, type RawWallSocket } from '../support/hub-fixtures.js';

type Hub = Awaited<ReturnType<typeof testHub>>;
const TOPIC = 'flood.water-level.song-ganh-hao';
const HOUR = 3_600_000;

/** Points from `from`, one an hour, rising 0.1 a step with a band widening ±0.05 a step. */
function points(from: number, n: number): { t: number; v: number; lo: number; hi: number }[] {
  return Array.from({ length: n }, (_, i) => ({ t: from + (i + 1) * HOUR, v: 1 + i / 10, lo: 1 + i / 10 - 0.05 * (i + 1), hi: 1 + i / 10 + 0.05 * (i + 1) }));
}

describe('forecasts (hub)', () => {
  const data = tempDir('wallrun-forecasts-');
  let hub: Hub;
  let clock = Date.UTC(2026, 11, 7, 3, 0, 0);
  const sockets: (Socket | RawWallSocket)[] = [];
  const wall = (features: string[]): RawWallSocket => {
    const s = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY, features });
    sockets.push(s);
    return s;
  };
  const start = async (): Promise<void> => {
    hub = await testHub({ dataDir: data.dir, clock: () => clock });
  };

  beforeAll(start);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await hub?.destroy();
    data.remove();
  });

  it('sends a published forecast to walls with the feature, as an event and in later snapshots', async () => {
    const withFeature = wall(['forecasts']);
    const first = await nextEvent<Snapshot>(withFeature, 'snapshot');
    expect(first.forecasts).toEqual([]);
    const event = nextEvent(withFeature, 'forecast');
    const r = await api(hub.url, 'PUT', `/api/forecasts/${TOPIC}`, TOKENS.integration, { points: points(clock, 6), model: 'thuy-van-v2', validS: 7200 });
    expect(r.status).toBe(200);
    expect(r.body.forecast).toMatchObject({ topic: TOPIC, model: 'thuy-van-v2', issuedAt: clock, validUntil: clock + 2 * HOUR, stale: false });
    const got = await event;
    expect(checkForecastEvent(got).ok).toBe(true);
    expect(got.forecast.points).toEqual(points(clock, 6));

    const later = wall(['forecasts']);
    const snap = await nextEvent<Snapshot>(later, 'snapshot');
    expect(checkSnapshot(snap).ok).toBe(true);
    expect(snap.forecasts?.map((f) => [f.topic, f.points.length])).toEqual([[TOPIC, 6]]);
  });

  it('sends nothing of forecasts to a wall without the feature', async () => {
    const old = wall([]);
    const snap = await nextEvent<Snapshot>(old, 'snapshot');
    expect(snap).not.toHaveProperty('forecasts');
    let heard = false;
    old.on('forecast' as never, () => {
      heard = true;
    });
    const withFeature = wall(['forecasts']);
    await nextEvent(withFeature, 'snapshot');
    const event = nextEvent(withFeature, 'forecast');
    await api(hub.url, 'PUT', `/api/forecasts/${TOPIC}`, TOKENS.integration, { points: points(clock, 3) });
    await event;
    // The same broadcast reached the wall with the feature; the other socket is in no room for it.
    expect(heard).toBe(false);
  });

  it('refuses bad forecasts naming the field, and keeps the stored one', async () => {
    const before = (await api(hub.url, 'GET', `/api/forecasts/${TOPIC}`, TOKENS.operator)).body.forecast;
    const p = points(clock, 4);
    const cases: [unknown, string][] = [
      [{ points: [p[1], p[0]] }, 'points[1].t: must be later than the point before'],
      [{ points: [{ t: clock - 60_000, v: 1 }] }, 'points[0].t: is in the past'],
      [{ points: [{ t: clock + HOUR, v: 1, lo: 2, hi: 0.5 }] }, 'points[0].lo: is greater than hi'],
      [{ points: [{ t: clock + HOUR, v: 3, lo: 1, hi: 2 }] }, 'points[0].v: lies outside its band'],
      [{ points: [{ t: clock + HOUR, v: 1, lo: 0.5 }] }, 'points[0].hi: is missing'],
      [{ points: points(clock, 501) }, 'points: has more than 500 items'],
      [{ points: [] }, 'points: needs at least 1 item'],
      [{ points: [{ t: clock + HOUR, v: 1 }], issuedAt: clock + HOUR }, 'issuedAt: is in the future'],
    ];
    for (const [body, error] of cases) {
      const r = await api(hub.url, 'PUT', `/api/forecasts/${TOPIC}`, TOKENS.integration, body);
      expect(r.status, error).toBe(400);
      expect(r.body.error.details.join('\n'), error).toContain(error);
    }
    expect((await api(hub.url, 'PUT', '/api/forecasts/Bad%20Topic', TOKENS.integration, { points: p })).status).toBe(400);
    expect((await api(hub.url, 'PUT', `/api/forecasts/${TOPIC}`, TOKENS.operator, { points: p })).status).toBe(403);
    expect((await api(hub.url, 'GET', `/api/forecasts/${TOPIC}`, TOKENS.operator)).body.forecast).toEqual(before);
  });

  it('keeps forecasts across a restart, and lists one past its validity as stale', async () => {
    await api(hub.url, 'PUT', `/api/forecasts/${TOPIC}`, TOKENS.integration, { points: points(clock, 6), validS: 3600 });
    await hub.destroy();
    clock += 2 * HOUR; // past validUntil (1 h), before the last point (6 h)
    await start();
    const listed = await api(hub.url, 'GET', '/api/forecasts', TOKENS.integration);
    expect(listed.body.forecasts.map((f: { topic: string; stale: boolean; points: unknown[] }) => [f.topic, f.stale, f.points.length])).toEqual([[TOPIC, true, 6]]);
  });

  it('withdraws a forecast: walls hear null, the list is empty, a second withdrawal is 404', async () => {
    const s = wall(['forecasts']);
    await nextEvent(s, 'snapshot');
    const gone = nextEvent<{ topic: string; forecast: unknown }>(s, 'forecast', (e) => e.forecast === null);
    expect((await api(hub.url, 'DELETE', `/api/forecasts/${TOPIC}`, TOKENS.integration)).status).toBe(200);
    expect((await gone).topic).toBe(TOPIC);
    expect((await api(hub.url, 'GET', '/api/forecasts', TOKENS.operator)).body.forecasts).toEqual([]);
    expect((await api(hub.url, 'DELETE', `/api/forecasts/${TOPIC}`, TOKENS.integration)).status).toBe(404);
  });
});
