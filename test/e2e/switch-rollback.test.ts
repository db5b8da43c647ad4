/**
 * Rollback of a two-phase layout switch through the wall pages' own hub sessions: three windows
 * (node-1, one per screen), each connected to a real hub by the page's own client
 * (src/renderer/session, the config's `hub`), as on a wall PC. One window lacks the layout asked
 * for: it answers the hub's `layout:prepare` with `ok: false`, the hub sends `layout:abort` to every
 * window (docs/protocol.md rule 13) and answers the REST request 409 naming it. Afterwards every
 * screen still shows the old layout, in the scene state and in pixels, no window holds a prepared
 * scene (the next switch commits everywhere), and the hub's switch record says aborted, names the
 * window and kept the current layout. test/e2e/sync-switch.slow.test.ts measures the committed
 * switch's timing across 18 windows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Layout } from '../../src/core/wall/model.js';
import { wallIdentity } from '../../src/core/page/hub-config.js';
import { makeWall } from '../support/wall-fixtures.js';
import { TOKENS, api } from '../support/hub-fixtures.js';
import { RestartableHub, waitForHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { changedPixels, type Image } from '../support/png.js';
import { WallBrowser, capture, waitForState, type WallWindow } from '../support/wall-browser.js';

const S = 0.1;
const wall = makeWall({ columns: 3, rows: 1, windowMode: 'per-display' });
const windows = ['r1c1', 'r1c2', 'r1c3'].map((s) => windowFor(wall, 'node-1', s));

/** One text tile per screen, saying which layout it is (so the layouts differ in pixels). */
const textLayout = (id: string): Layout =>
  layout(
    id,
    // Screen c (1920 × 1080 lit, 3 wall px bezels) is wall x 1926·c + 3 … + 1920.
    wall.screens.map((s) => tile({ id: `t-${s.id}`, widget: 'text', rect: { x: 1926 * s.cell!.col + 3, y: 3, width: 1920, height: 1080 }, props: { text: `${id} ${s.id}`, fontSizePx: 300 } })),
  );
const LAYOUTS = [textLayout('truoc'), textLayout('sau'), textLayout('chi-hai-noi')];
/** The third window's page lacks "chi-hai-noi": it cannot prepare it. */
const pageLayouts = (i: number): Layout[] => (i === 2 ? LAYOUTS.slice(0, 2) : LAYOUTS);
const whole = (img: Image) => ({ x: 0, y: 0, width: img.width, height: img.height });

describe('a refused prepare rolls back every window through its own hub session', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  let wins: WallWindow[];

  beforeAll(async () => {
    hub = new RestartableHub({ layouts: LAYOUTS, prepareTimeoutMs: 20_000 });
    await hub.start();
    browser = await WallBrowser.start();
    wins = await Promise.all(windows.map((w, i) => browser.open(withHub(pageConfig({ wall, layouts: pageLayouts(i), window: w, scale: S, initialLayout: 'truoc' }), hub.url))));
    for (const w of wins) await waitForHub(w, (h) => h.connection === 'connected' && h.snapshots >= 1 && h.clockOffsetMs !== null, 'connected');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  const switchTo = (id: string) => api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: id });
  const showing = (id: string) => Promise.all(wins.map((w) => waitForState(w, (s) => s.layout === id && !s.switching && s.hub!.lastSwitch?.layout === id, undefined, 20_000)));

  it('keeps the old layout on every screen, in state and pixels, and the hub records the abort naming the window', async () => {
    // A committed switch first: the hub's current layout is "sau" and every page shows it.
    const first = await switchTo('sau');
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    await showing('sau');
    const before = await Promise.all(wins.map(capture));
    const since = wins.map((w) => w.events.length);

    const res = await switchTo('chi-hai-noi');
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.code).toBe('switch-aborted');
    const bad = wallIdentity(windows[2]!);
    expect(res.body.error.details).toEqual([expect.stringContaining(`${bad.node}/${bad.window}`)]);

    // Every page dropped what it prepared (the abort reached it through its own session) and
    // shows "sau" still: no swap, nothing held in the scene slot.
    const states = await Promise.all(wins.map((w) => waitForState(w, (s) => !s.switching)));
    expect(states.map((s) => s.layout)).toEqual(['sau', 'sau', 'sau']);
    expect(states.map((s) => s.hub!.lastSwitch?.layout)).toEqual(['sau', 'sau', 'sau']);
    for (const [i, w] of wins.entries()) expect(w.events.slice(since[i]!).filter((e) => e.type === 'layoutSwitched')).toEqual([]);
    const after = await Promise.all(wins.map(capture));
    for (const [i, img] of after.entries()) expect(changedPixels(before[i]!, img, whole(img)), `window ${i + 1}: pixels unchanged`).toBe(0);

    // What the hub recorded: the switch aborted, the refusing window named with its page's reason,
    // every window asked to prepare, and the current layout kept.
    const walls = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body;
    expect(walls.lastSwitch).toMatchObject({ layout: 'chi-hai-noi', state: 'aborted', failed: [{ node: bad.node, window: bad.window, error: expect.stringContaining('chi-hai-noi') }] });
    console.log(`switch-rollback: prepare answers ${walls.lastSwitch.windows.map((w: { window: string; prepare: string }) => `${w.window} ${w.prepare}`).join(', ')}`);
    expect(walls.lastSwitch.windows).toHaveLength(3);
    expect(walls.lastSwitch.windows.find((w: { window: string }) => w.window === bad.window).prepare).toBe('failed');
    expect(walls.lastSwitch.reason).toContain(`${bad.node}/${bad.window}`);
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current.layout).toBe('sau');

    // Nothing is left over from the aborted prepare: the next switch commits on every window, and
    // the same pixel comparison sees that change.
    const next = await switchTo('truoc');
    expect(next.status, JSON.stringify(next.body)).toBe(202);
    await showing('truoc');
    const switched = await Promise.all(wins.map(capture));
    for (const [i, img] of switched.entries()) expect(changedPixels(after[i]!, img, whole(img)), `window ${i + 1}: the next switch shows`).toBeGreaterThan(50);
    expect((await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.lastSwitch).toMatchObject({ layout: 'truoc', state: 'committed', failed: [] });
  }, 60_000);
});
