/**
 * Fault: the clock jumps an hour, forward and back, on the wall page (Playwright's page.clock, the
 * page's clock only) and on the hub (its HubOptions.clock, stepped in process: never the system
 * clock). Through every jump the wall stays linked (or links again by itself) and its tiles keep
 * showing new values, neither falsely stale nor late; a hub clock stepped back does not make the
 * wall drop updates as old; the hub stores the last value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS } from '../support/hub-fixtures.js';
import { RestartableHub, waitForHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, waitForState, type WallWindow } from '../support/wall-browser.js';

const S = 0.25;
const TOPIC = 'flood.water-level.song-ganh-hao';
const HOUR = 3_600_000;
const wall = makeWall({ columns: 1, rows: 1 });
const w0 = windowFor(wall, 'node-1');
const LAYOUTS = [
  layout('live', [tile({ id: 'level', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, topics: [TOPIC], freshness: { maxAgeS: 5 }, props: { unit: 'm', decimals: 2 } })]),
];

describe('fault: clock jumps', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  let hubOffset = 0;
  beforeAll(async () => {
    hub = new RestartableHub({ layouts: LAYOUTS, clock: () => Date.now() + hubOffset });
    [browser] = await Promise.all([WallBrowser.start(), hub.start()]);
  });
  afterAll(async () => {
    await browser?.closeWindows({ allowHttp: true });
    await browser?.close();
    await hub?.cleanup();
  });

  /** Publishes `value`; waits until the wall, linked, shows it on a tile neither stale nor late. */
  const shows = async (win: WallWindow, value: number, what: string): Promise<void> => {
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: TOPIC, value }] })).status).toBe(202);
    const text = value.toFixed(2).replace('.', ',');
    try {
      await waitForHub(win, (h) => h.connection === 'connected' && h.badge.kind === 'connected', `${what}: linked`);
      await waitForState(win, (s) => s.tiles[0]!.texts.some((t) => t.text === text) && !s.tiles[0]!.stale && !s.tiles[0]!.late, undefined, 10_000);
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`);
    }
  };

  it('keeps the link and fresh values through ±1 h jumps of the page clock and of the hub clock', async () => {
    const win = await browser.open(withHub(pageConfig({ wall, layouts: LAYOUTS, window: w0, scale: S }), hub.url));
    await waitForHub(win, (h) => h.connection === 'connected' && h.clockOffsetMs !== null, 'connected');
    await shows(win, 1.1, 'before any jump');

    await win.page.clock.setSystemTime(Date.now() + HOUR);
    expect((await win.page.evaluate(() => Date.now())) - Date.now()).toBeGreaterThan(HOUR - 60_000);
    await shows(win, 1.2, 'page clock +1 h');
    await win.page.clock.setSystemTime(Date.now() - HOUR);
    await shows(win, 1.3, 'page clock -1 h');
    await win.page.clock.setSystemTime(Date.now());
    await shows(win, 1.35, 'page clock right again');

    hubOffset = HOUR;
    await shows(win, 1.4, 'hub clock +1 h');
    hubOffset = 0;
    await shows(win, 1.5, 'hub clock back by 1 h');
    hubOffset = -HOUR;
    await shows(win, 1.6, 'hub clock -1 h');
    hubOffset = 0;

    const topics = (await api(hub.url, 'GET', '/api/topics?values=true', TOKENS.operator)).body.topics as { topic: string; value?: unknown }[];
    expect(topics.find((t) => t.topic === TOPIC)?.value).toBe(1.6);
  });
});
