/**
 * Frame-synchronous layout switch across the whole wall: 18 windows (one per screen, 3 nodes of 6,
 * scale 0.1), each with its own wall client (the real src/renderer/net WallClient, socket.io to a
 * real in-process hub) acting as the window's host: it forwards the hub's prepare / commit / abort
 * to the page as host commands (prepareLayout, commitLayout, abortLayout), answers the hub with the
 * page's layoutPrepared, and reports the page's swap time (layout:switched). Hosting the client
 * outside the page keeps 18 pages affordable on two cores and is exactly what an Electron main or
 * a browser shell that owns the hub link does; the in-page client (src/renderer/session) feeds the
 * same SceneManager calls. A REST switch prepares every window, commits at
 * hub time `at`, and every window swaps on its first frame at or after `at`; each swap's lateness
 * and the skew of the swap times (max − min) are printed and bounded by two frame intervals
 * measured in the same run plus 50 ms (not one interval: see the bound below and the test). A
 * window that joins late shows the current layout. The rollback (one window cannot prepare, the
 * hub aborts everywhere) is tested through the pages' own hub sessions, not this bridge, in
 * test/e2e/switch-rollback.test.ts.
 *
 * The bound: each window swaps on its first frame at or after `at` (its clock offset applied), so
 * its swap time lies in [at, at + one frame interval + scheduling delay]. With 18 SwiftShader
 * pages on two cores the frame interval is far from 16.7 ms (about 120–140 ms here) and varies,
 * so the bound is derived from the intervals measured in the same run (the slowest window's, from
 * its fps events after the switch): one interval for the phase of each window's frame clock, one
 * more for a frame the loaded main thread delivers late (measured: the latest window swapped up to
 * ~1.4 intervals after `at` with the machine's load average at 25–35), plus 50 ms for the
 * clock-sync error (half the ping round trip, a few ms in process) and timer slop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import type { LayoutCommand, LayoutPrepare } from '../../src/core/protocol/layout-commands.js';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import { WallClient, type WallSink } from '../../src/renderer/net/wall-client.js';
import { wallIdentity } from '../../src/core/page/hub-config.js';
import { makeWall } from '../support/wall-fixtures.js';
import { assumedDisplays, planWindows, type PlannedWindow } from '../../src/core/displays/window-plan.js';
import { TOKENS, api, testHub } from '../support/hub-fixtures.js';
import { layout, pageConfig, tile } from '../support/fixtures.js';
import { WallBrowser, waitForState, type WallWindow } from '../support/wall-browser.js';

/** 0.1 (192 × 108 px pages): at 0.05 (96 × 54) headless Chromium throttles requestAnimationFrame to 1 Hz. */
const SCALE = 0.1;
const wall = makeWall({ windowMode: 'per-display' });
const windows: PlannedWindow[] = wall.nodes.flatMap((n) => planWindows(wall, n.id, assumedDisplays(wall, n.id)));

/** One text tile per screen, saying which layout and screen it is. */
const textLayout = (id: string) =>
  layout(
    id,
    wall.screens.map((s, i) =>
      tile({
        id: `t-${s.id}`,
        widget: 'text',
        cell: { col: s.cell!.col, row: s.cell!.row, colSpan: 1, rowSpan: 1 },
        props: { text: `${id} · ${s.id} · ${i + 1}`, fontSizePx: 120 },
      }),
    ),
    { subdivision: { columns: 6, rows: 3 } },
  );
const LAYOUTS = [textLayout('truoc'), textLayout('sau')];

function config(w: PlannedWindow): WallPageConfig {
  return pageConfig({ wall, layouts: LAYOUTS, window: w, scale: SCALE, initialLayout: 'truoc' });
}

/** The window's host as its hub client: hub events → host commands, page events → hub reports. */
function bridge(win: WallWindow, w: PlannedWindow, hubUrl: string): WallClient {
  let client: WallClient;
  const reportSwap = (commandId: string | null, layout: string, since: number): void => {
    void win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === layout, timeoutMs: 30_000 }).then(
      (e) => client.reportLayoutSwitched({ commandId, layout, at: Math.round(e.at + (client.hubNow() - Date.now())) }),
      () => undefined,
    );
  };
  const sink: WallSink = {
    onSnapshot: (s) => {
      // A window joining late shows the current layout (the snapshot carries the last commit).
      if (s.layout) {
        reportSwap(s.layout.commandId, s.layout.layout, win.events.length);
        void win.command({ type: 'switchLayout', layout: s.layout.layout });
      }
    },
    onUpdates: () => undefined,
    onAlert: () => undefined,
    onConnectionState: () => undefined,
    onLayoutCommand: (c: LayoutCommand & { localAt: number }) => {
      reportSwap(c.commandId, c.layout, win.events.length);
      void win.command({ type: 'commitLayout', switchId: c.commandId, layout: c.layout, at: c.localAt });
    },
    onLayoutPrepare: async (p: LayoutPrepare) => {
      const since = win.events.length;
      await win.command({ type: 'prepareLayout', switchId: p.switchId, layout: p.layout });
      const e = await win.waitForEvent('layoutPrepared', { since, pred: (x) => x.switchId === p.switchId, timeoutMs: 30_000 });
      return { ok: e.ok, ...(e.error !== undefined ? { error: e.error } : {}) };
    },
    onLayoutAbort: (a) => void win.command({ type: 'abortLayout', switchId: a.switchId }),
  };
  client = new WallClient({ url: hubUrl, token: TOKENS.wall, identity: wallIdentity(w), sink, storage: memoryStorage(), config: { transports: ['websocket'] } });
  client.init();
  return client;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

describe('frame-synchronous switch across 18 windows and 3 nodes', () => {
  let browser: WallBrowser;
  let hub: Awaited<ReturnType<typeof testHub>>;
  let wins: WallWindow[] = [];
  const clients: WallClient[] = [];

  beforeAll(async () => {
    expect(windows).toHaveLength(18);
    hub = await testHub({ layouts: LAYOUTS, prepareTimeoutMs: 20_000 });
    browser = await WallBrowser.start();
    // Node by node (6 pages at a time): 18 page loads at once can starve two cores past goto's 30 s.
    for (let n = 0; n < 3; n++) {
      wins.push(...(await Promise.all(windows.slice(n * 6, n * 6 + 6).map((w) => browser.open(config(w))))));
    }
    wins.forEach((win, i) => clients.push(bridge(win, windows[i]!, hub.url)));
    const deadline = Date.now() + 20_000;
    while (!clients.every((c) => c.connected && c.clockSync !== null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(clients.every((c) => c.connected)).toBe(true);
  }, 80_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await browser?.close();
    await hub?.cleanup();
  });

  // Titled for what it proves. "Skew within one frame interval" cannot be asserted honestly here:
  // 18 pages have 18 independent frame clocks, so two windows both swapping on their first frame
  // at or after `at` are already up to one interval apart by phase alone, and a loaded machine
  // delivers some of those frames late (measured: up to ~1.4 intervals after `at`). What holds, and
  // is asserted, is the derivation in the file's opening comment: every window swaps in
  // [at, at + 2 × the run's longest measured frame interval + 50 ms], so the skew is within that too.
  // (That interval is 1000 / the lowest fps any window reported after the switch: a generous
  // measure, so this bound is loose; the printed skew and per-window lateness are the real figures.)
  it('switches every window within two measured frame intervals after the commit time (skew bounded by the same)', async () => {
    const since = wins.map((w) => w.events.length);
    const t0 = Date.now();
    // Commit lead 1000 ms rather than the default 400: here the commit reaches each page through
    // playwright (CDP) while 18 SwiftShader pages load two cores, and must arrive before `at`.
    const res = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'sau', leadMs: 1000 });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const { command } = res.body as { command: { at: number; commandId: string } };
    const switched = await Promise.all(wins.map((w, i) => w.waitForEvent('layoutSwitched', { since: since[i]!, pred: (e) => e.to === 'sau', timeoutMs: 20_000 })));
    const applied = Date.now();
    const times = switched.map((e) => e.at);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(command.at - 5); // never before `at` (clock-sync error aside)
    const skew = Math.max(...times) - Math.min(...times);
    // Frame intervals measured now, after the switch, from each window's fps events.
    await Promise.all(wins.map((w, i) => w.waitForEvent('fps', { since: since[i]! })));
    const intervals = wins.map((w, i) => {
      const fps = w.events.slice(since[i]!).flatMap((e) => (e.type === 'fps' ? [e.fps] : []));
      return 1000 / Math.max(0.5, Math.min(...fps));
    });
    const bound = 2 * Math.max(...intervals) + 50;
    const late = times.map((t) => t - command.at);
    const hubSide = await api(hub.url, 'GET', '/api/walls', TOKENS.operator);
    const last = hubSide.body.lastSwitch;
    console.log(
      `sync-switch: 18 windows, skew ${skew} ms (page clocks), hub-reported skew ${last?.skewMs} ms, ` +
        `frame interval p50 ${pct(intervals, 50).toFixed(1)} / max ${Math.max(...intervals).toFixed(1)} ms, bound ${bound.toFixed(0)} ms, ` +
        `swap − at per window: min ${Math.min(...late)} / max ${Math.max(...late)} ms, command → all applied ${applied - t0} ms (commit lead ${command.at - (res.body.command.issuedAt as number)} ms)`,
    );
    expect(Math.max(...late), 'the latest window swapped within the bound after `at`').toBeLessThanOrEqual(bound);
    expect(skew).toBeLessThanOrEqual(bound);
    expect(wins.every((w) => w.events.slice(0).some((e) => e.type === 'layoutSwitched' && e.to === 'sau'))).toBe(true);
    const states = await Promise.all(wins.map((w) => waitForState(w, (s) => s.layout === 'sau' && !s.switching)));
    expect(states.every((s) => s.layout === 'sau')).toBe(true);
    // The hub got every window's swap time (hub clock) for this switch.
    const reported = await (async () => {
      for (let i = 0; i < 100; i++) {
        const b = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body;
        if (b.lastSwitch?.latencyMs !== null && b.lastSwitch?.switchId === command.commandId) return b.lastSwitch;
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    })();
    expect(reported, 'all 18 windows reported layout:switched').not.toBeNull();
    expect(reported.windows).toHaveLength(18);
    expect(reported.skewMs).toBeLessThanOrEqual(bound);
  }, 60_000);

  it('shows the current layout in a window that joins late', async () => {
    const late = await browser.open(config(windows[0]!));
    expect((await waitForState(late, (s) => !s.switching)).layout).toBe('truoc');
    clients.push(bridge(late, windows[0]!, hub.url));
    await waitForState(late, (s) => s.layout === 'sau' && !s.switching, undefined, 20_000);
  }, 30_000);
});
