/**
 * The hub's baseline forecaster on a real in-process hub (docs/forecasts.md, src/hub/forecaster/):
 * fed two weeks of hourly history over REST (past `t`), it publishes a Holt-Winters forecast as
 * `baseline:holt-winters` with its back-tested quality, which reaches a wall with the feature
 * `forecasts` as a `forecast` event; GET /api/forecasts says per topic what it did; the history
 * survives a restart; a hazard topic in the baseline keeps the hub from starting.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Snapshot } from '../../src/core/protocol/protocol.js';
import type { ForecastEvent } from '../../src/core/protocol/forecasts.js';
import { checkForecastEvent } from '../../src/core/protocol/protocol-validate.js';
import type { ForecastsConfig } from '../../src/core/files/forecasts.js';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, tempDir, testHub, type RawWallSocket } from '../support/hub-fixtures.js';
import { seasonalSeries } from '../support/synthetic-series.js';

type Hub = Awaited<ReturnType<typeof testHub>>;
const H = 3_600_000;
const START = Date.UTC(2026, 10, 1);
const TOPIC = 'energy.load.total';
const HAZARD = 'flood.water-level.cau-rong';
const spec = (topic: string) => ({ topic, method: 'holt-winters' as const, horizonMs: 24 * H, everyMs: H, seasonMs: 24 * H, trainDays: 14 });
const CONFIG: ForecastsConfig = { hazards: ['flood.water-level.*'], baseline: [spec(TOPIC)] };

describe('baseline forecaster (hub)', () => {
  const data = tempDir('wallrun-baseline-');
  const clock = START + 14 * 24 * H + 60_000; // a minute into the day after two weeks of history
  let hub: Hub | undefined;
  const sockets: RawWallSocket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await hub?.destroy();
    data.remove();
  });

  it('waits without history, then publishes Holt-Winters with its MASE once two weeks arrive, and the wall gets it', async () => {
    hub = await testHub({ dataDir: data.dir, clock: () => clock, forecasts: CONFIG });
    const listed = async () => (await api(hub!.url, 'GET', '/api/forecasts', TOKENS.operator)).body;
    expect((await listed()).baseline).toEqual([expect.objectContaining({ topic: TOPIC, status: 'waiting' })]);

    const wall = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY, features: ['forecasts'] });
    sockets.push(wall);
    expect((await nextEvent<Snapshot>(wall, 'snapshot')).forecasts).toEqual([]);
    const event = nextEvent<ForecastEvent>(wall, 'forecast');
    const history = seasonalSeries(14).map((v, i) => ({ topic: TOPIC, value: v, t: START + i * H + H / 2 }));
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: history })).status).toBe(202);

    const got = await event;
    expect(checkForecastEvent(got).ok).toBe(true);
    const f = got.forecast!;
    expect(f).toMatchObject({ topic: TOPIC, model: 'baseline:holt-winters', issuedAt: clock });
    expect(f.points).toHaveLength(24);
    expect(f.points[0]!.t).toBeGreaterThan(clock);
    expect(f.quality).toMatchObject({ method: 'holt-winters', backtestPoints: 24, trainedFrom: START, trainedTo: START + 14 * 24 * H });
    console.log(`baseline forecaster on the hub, 14 days of a seasonal series over REST: back-test MASE ${f.quality!.mase.toFixed(3)} against seasonal-naive`);
    expect(f.quality!.mase).toBeLessThan(1);

    const body = await listed();
    expect(body.forecasts).toEqual([expect.objectContaining({ topic: TOPIC, model: 'baseline:holt-winters', quality: f.quality, stale: false })]);
    expect(body.baseline).toEqual([{ topic: TOPIC, status: 'published', detail: expect.stringContaining('MASE'), mase: f.quality!.mase, at: clock }]);
  });

  it('keeps the training history across a restart and publishes again at start', async () => {
    await hub!.destroy();
    hub = await testHub({ dataDir: data.dir, clock: () => clock + 2 * H, forecasts: CONFIG });
    const wall = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY, features: ['forecasts'] });
    sockets.push(wall);
    // The run at start is under way or done: either the snapshot carries the new forecast or an event follows.
    const event = nextEvent<ForecastEvent>(wall, 'forecast').catch(() => null);
    const snap = await nextEvent<Snapshot>(wall, 'snapshot');
    const fresh = snap.forecasts?.find((x) => x.issuedAt === clock + 2 * H) ?? (await event)?.forecast;
    expect(fresh).toMatchObject({ topic: TOPIC, model: 'baseline:holt-winters', issuedAt: clock + 2 * H, quality: { trainedTo: START + 14 * 24 * H } });
    // Made at the new hub time from the stored history: its points start after it.
    expect(fresh!.points[0]!.t).toBeGreaterThan(clock + 2 * H);
  });

  it('a baseline entry for a hazard topic keeps the hub from starting, naming the topic and the rule', async () => {
    const other = tempDir('wallrun-baseline-hazard-');
    try {
      await expect(testHub({ dataDir: other.dir, forecasts: { hazards: ['flood.water-level.*'], baseline: [spec(HAZARD)] } })).rejects.toThrow(
        `baseline topic "${HAZARD}" is a hazard topic (hazards: "flood.water-level.*"): only a model may forecast it (PUT /api/forecasts)`,
      );
    } finally {
      other.remove();
    }
  });
});
