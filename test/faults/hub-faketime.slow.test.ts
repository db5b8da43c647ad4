/**
 * Fault: the hub machine's wall clock jumps an hour forward, back, and an hour behind, while the
 * hub runs: the hub is a child process under libfaketime (hub-fake-clock.ts), so every clock read in
 * it moves (its own `now`, SQLite's, socket.io's, Node's Date), not only HubOptions.clock as in
 * clock-jump.slow.test.ts. A wall page in Chromium (its own clock right) stays linked or links again
 * by itself; after every jump its tile shows each new value, neither falsely stale nor late; values
 * stamped after a backward jump (older than the last) are not dropped as old; an alert raised an
 * hour ahead is acknowledged from the wall an hour behind and committed once; the hub stores the
 * last value.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS, TOKEN_SPECS, tempDir, until } from '../support/hub-fixtures.js';
import { OPERATORS, waitForHub, withHub } from '../support/hub-wall.js';
import { buildHubEntry, spawnHub, type HubProcess } from '../support/hub-process.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, waitForState, type WallWindow } from '../support/wall-browser.js';
import { hubFakeClock, type HubFakeClock } from './hub-fake-clock.js';

const S = 0.25;
const TOPIC = 'flood.water-level.song-ganh-hao';
const HOUR_S = 3600;
const ALERT = 'ngap-faketime';
const wall = makeWall({ columns: 1, rows: 1 });
const w0 = windowFor(wall, 'node-1');
const level = (rect: { x: number; y: number; width: number; height: number }) =>
  tile({ id: 'level', widget: 'kpi', rect, topics: [TOPIC], freshness: { maxAgeS: 5 }, props: { unit: 'm', decimals: 2 } });
const LIVE = layout('live', [
  tile({ id: 'list', widget: 'alert-list', rect: { x: 3, y: 3, width: 1100, height: 800 }, props: { fontSizePx: 48 } }),
  level({ x: 1150, y: 3, width: 770, height: 400 }),
]);
const ALARMS = layout('alarms', [
  tile({ id: 'list', widget: 'alert-list', rect: { x: 3, y: 3, width: 1500, height: 1000 }, props: { fontSizePx: 48 } }),
  level({ x: 1510, y: 3, width: 400, height: 300 }),
]);
/** A switch takes ~0.5 s here; a wall whose clock offset missed the jump waits for its next 60 s sync. */
const SWITCH_WITHIN_MS = 10_000;

describe('fault: the hub machine\'s clock jumps (libfaketime)', () => {
  let browser: WallBrowser;
  let hub: HubProcess;
  let clock: HubFakeClock;
  const tmp = tempDir('wallrun-fault-faketime-');
  beforeAll(async () => {
    clock = hubFakeClock(tmp.dir);
    const options = { port: 0, dataDir: path.join(tmp.dir, 'hub'), tokens: TOKEN_SPECS, operators: OPERATORS, layouts: [LIVE, ALARMS], lateCheckMs: 1000, flushMs: 50 };
    [browser, hub] = await Promise.all([WallBrowser.start(), buildHubEntry().then(() => spawnHub(options, 20_000, clock.prefix))]);
  });
  afterAll(async () => {
    await browser?.closeWindows({ allowHttp: true });
    await browser?.close();
    await hub?.stop();
    tmp.remove();
  });

  /** The hub's clock minus this process's, in seconds, as the hub reports it (REST hubTime). */
  const hubAheadS = async (): Promise<number> => {
    const before = Date.now();
    const { body } = await api(hub.url, 'GET', '/api/topics', TOKENS.operator);
    return ((body.hubTime as number) - (before + Date.now()) / 2) / 1000;
  };
  const topicInfo = async (): Promise<{ stale: boolean; value?: unknown }> =>
    ((await api(hub.url, 'GET', '/api/topics?values=true', TOKENS.operator)).body.topics as { topic: string; stale: boolean; value?: unknown }[]).find((t) => t.topic === TOPIC)!;
  /** Jumps the hub's clock to real time + `offsetS`; waits until the hub itself reports it (±60 s). */
  const jump = async (offsetS: number): Promise<void> => {
    clock.set(offsetS);
    await until(async () => Math.abs((await hubAheadS()) - offsetS) < 60, `the hub's clock at ${offsetS} s`);
  };
  const shownAfterMs: Record<string, number> = {};
  const switchedAfterMs: Record<string, number> = {};
  /** Switches the wall to `id` over REST; waits until the page shows it (SWITCH_WITHIN_MS). */
  const switches = async (win: WallWindow, id: string, what: string): Promise<void> => {
    const asked = Date.now();
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: id })).status).toBe(202);
    try {
      await waitForState(win, (s) => s.layout === id && !s.switching, undefined, SWITCH_WITHIN_MS);
    } catch (e) {
      throw new Error(`${what}: layout ${id} not shown within ${SWITCH_WITHIN_MS} ms: ${(e as Error).message.slice(0, 300)}`);
    }
    switchedAfterMs[what] = Date.now() - asked;
  };
  /** Waits until the wall's clock offset follows the hub's jump (±60 s). */
  const wallFollows = (win: WallWindow, offsetS: number, what: string) =>
    waitForHub(win, (h) => h.clockOffsetMs !== null && Math.abs(h.clockOffsetMs / 1000 - offsetS) < 60, `${what}: the wall's clock offset follows`);
  /** Publishes `value`; waits until the wall, linked, shows it on its tile neither stale nor late. */
  const shows = async (win: WallWindow, value: number, what: string): Promise<void> => {
    const posted = Date.now();
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: TOPIC, value }] })).status).toBe(202);
    const text = value.toFixed(2).replace('.', ',');
    try {
      await waitForHub(win, (h) => h.connection === 'connected' && h.badge.kind === 'connected', 'linked');
      await waitForState(win, (s) => {
        const level = s.tiles.find((t) => t.id === 'level')!;
        return level.texts.some((t) => t.text === text) && !level.stale && !level.late;
      }, undefined, 10_000);
      shownAfterMs[what] = Date.now() - posted;
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`);
    }
  };

  it('keeps the link, shows fresh values and commits an ack once through +1 h and -1 h jumps of the hub\'s own clock', async () => {
    expect(clock.runsIn(hub.child.pid!), 'the hub process itself runs under libfaketime').toBe(true);
    expect(Math.abs(await hubAheadS())).toBeLessThan(60);
    const win = await browser.open(withHub(pageConfig({ wall, layouts: [LIVE, ALARMS], window: w0, scale: S }), hub.url));
    await waitForHub(win, (h) => h.connection === 'connected' && h.clockOffsetMs !== null, 'connected');
    await shows(win, 1.1, 'before any jump');

    await jump(HOUR_S);
    // Known limit, recorded, not asserted: the hub judges a topic's maxAgeS by its own clock, so its
    // REST `stale` turns true right after a forward jump although the value is seconds old.
    const hubStaleAfterJump = await topicInfo().then((t) => t.stale);
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, {
      id: ALERT, severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm tại đường Lý Thường Kiệt',
    });
    expect(raised.status).toBe(201);
    // The jump reached what the hub stores: the alert is stamped an hour ahead.
    const raisedAt = ((await api(hub.url, 'GET', `/api/alerts/${ALERT}`, TOKENS.operator)).body.alert.raisedAt as number);
    expect((raisedAt - Date.now()) / 1000).toBeGreaterThan(HOUR_S - 60);
    await waitForHub(win, (h) => h.alerts.some((a) => a.id === ALERT), 'the alert raised an hour ahead is shown');
    // A switch right after the jump, before any value: its `at` (hub time, an hour ahead of the
    // wall's offset) makes the wall sync its clock at once instead of at its next 60 s sync.
    await switches(win, 'alarms', 'hub clock +1 h');
    await wallFollows(win, HOUR_S, 'hub clock +1 h');
    await shows(win, 1.2, 'hub clock +1 h');

    // The feed pauses past maxAgeS (5 s): the tile is stale, rightly. Then the clock goes back an
    // hour: the next value, stamped an hour before the last one, is shown and the tile is fresh again.
    await waitForState(win, (s) => s.tiles.find((t) => t.id === 'level')!.stale, undefined, 15_000);
    await jump(0);
    await shows(win, 1.3, 'hub clock back by 1 h');
    await jump(-HOUR_S);
    await shows(win, 1.4, 'hub clock -1 h');
    await switches(win, 'live', 'hub clock -1 h');
    await wallFollows(win, -HOUR_S, 'hub clock -1 h');

    // Acknowledged from the wall while the hub is an hour behind the alert's raisedAt.
    await win.page.keyboard.press('ArrowDown');
    await waitForHub(win, (h) => h.selectedAlert === ALERT, 'selected');
    await win.page.keyboard.press('Enter');
    await waitForHub(win, (h) => h.dialog !== null, 'dialog open');
    await win.page.keyboard.type('4827');
    await win.page.keyboard.press('Enter');
    const acked = await waitForHub(win, (h) => h.pendingAcks.length === 0 && h.alerts.some((a) => a.id === ALERT && a.state === 'acknowledged'), 'ack committed');
    expect(acked.alerts.find((a) => a.id === ALERT)).toMatchObject({ acknowledgedBy: 'Nguyễn Văn An', pending: false });

    await jump(0);
    await shows(win, 1.5, 'hub clock right again');
    expect((await topicInfo()).value).toBe(1.5);
    const detail = await api(hub.url, 'GET', `/api/alerts/${ALERT}`, TOKENS.operator);
    expect(detail.body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An', raisedAt });
    const acks = detail.body.audit.filter((e: { action: string }) => e.action === 'ack');
    expect(acks).toHaveLength(1);
    // Stamped in hub time (the wall's synced clock), an hour behind: not two hours off.
    expect(Math.abs(detail.body.alert.ackedAt - (Date.now() - HOUR_S * 1000)) / 1000).toBeLessThan(60);
    expect(detail.body.audit.filter((e: { action: string }) => e.action === 'raise')).toHaveLength(1);
    expect(hub.child.exitCode, hub.stderr()).toBeNull();
    const end = await waitForHub(win, (h) => h.connection === 'connected', 'still linked');
    expect(end.rejectedAcks).toEqual([]);
    console.info(`hub-faketime: shown after ${JSON.stringify(shownAfterMs)} ms; switched after ${JSON.stringify(switchedAfterMs)} ms; snapshots ${end.snapshots} (1 = never relinked); hub REST stale right after +1 h: ${hubStaleAfterJump}`);
  });
});
