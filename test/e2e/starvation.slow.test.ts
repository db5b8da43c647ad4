/**
 * A starved machine: the demo's shape (3 nodes, one spanning window each: 11,520 × 1,080 at scale
 * 0.25, as `wallrun demo` runs headless) with the hub link to a real in-process hub, the browser
 * shell's watchdog on (default rules), data published every 100 ms and alerts raised and cleared,
 * while one busy process per core spins at nice 0 for 60 s. Asserted over those 60 s: no window lost
 * its hub link (the hub logged no disconnect, every page stayed `connected` on its first session),
 * the watchdog reported nothing (no reload), and every window presented at least one new frame a
 * second over the minute, never 10 s (the heartbeat timeout) without one (its recorder of rendered
 * frames, and the page's own frame counter moved). Printed: the rate, the largest gap, the seconds
 * without a new frame and the load-shedding level at the end.
 *
 * What keeps it: the hub link's socket in a worker (src/renderer/net/socket-host.ts), so the hub's
 * ping is answered while rendering holds the page's thread; the watchdog's timer beat
 * (src/shell/browser-watchdog.ts), so a slow page is not taken for a dead one; load shedding
 * (src/renderer/load-shedder.ts), so frames keep coming (docs/reliability.md, "Starvation").
 *
 * Other tests may run on this machine meanwhile: the hogs come on top of whatever else runs, so
 * this is at least as starved as it says.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchdogReport } from '../../src/core/kiosk/watchdog-rules.js';
import type { PlannedWindow } from '../../src/core/displays/window-plan.js';
import { assumedDisplays, planWindows } from '../../src/core/displays/window-plan.js';
import { makeWall } from '../support/wall-fixtures.js';
import { TOKENS, api, testHub } from '../support/hub-fixtures.js';
import { withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile } from '../support/fixtures.js';
import { WallBrowser, debugState, waitForState, type WallWindow } from '../support/wall-browser.js';

const SCALE = 0.25;
const STARVE_MS = 60_000;
const wall = makeWall();
const windows: PlannedWindow[] = wall.nodes.flatMap((n) => planWindows(wall, n.id, assumedDisplays(wall, n.id)));
const TOPICS = ['starve.level.a', 'starve.level.b', 'starve.flow.c'];
const cell = (col: number, row: number, colSpan = 1) => ({ col, row, colSpan, rowSpan: 1 });

/** Per row (one window): a chart, a KPI, a scrolling ticker, the alert list and a clock. */
const busy = layout(
  'busy',
  [0, 1, 2].flatMap((row) => [
    tile({ id: `chart-${row}`, widget: 'chart', cell: cell(0, row), title: 'Mực nước', topics: [TOPICS[row]!], props: { kind: 'line', unit: 'm', decimals: 2, windowS: 60 } }),
    tile({ id: `kpi-${row}`, widget: 'kpi', cell: cell(1, row), topics: [TOPICS[row]!], props: { unit: 'm', decimals: 2 } }),
    tile({ id: `ticker-${row}`, widget: 'ticker', cell: cell(2, row, 2), props: { speedPxPerS: 240, fontSizePx: 60 } }),
    tile({ id: `list-${row}`, widget: 'alert-list', cell: cell(4, row), props: { fontSizePx: 40 } }),
    tile({ id: `clock-${row}`, widget: 'clock', cell: cell(5, row) }),
  ]),
  { subdivision: { columns: 1, rows: 1 } },
);

/** One spinning process per core, at nice 0 (what a runaway neighbour does to a wall PC). */
function hogs(): ChildProcess[] {
  return Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

/**
 * Starts recording when the page presents a new frame: an animation frame in which the page
 * rendered (load shedding skips rendering in some; those present nothing new). Times are the wall
 * clock's ms (performance.timeOrigin + now(), in the page), so they compare with the test's
 * Date.now() at the start and end of the starved minute.
 */
async function recordFrames(win: WallWindow): Promise<void> {
  await win.page.evaluate(() => {
    const g = globalThis as unknown as {
      __starveFrames: number[];
      requestAnimationFrame(f: () => void): number;
      performance: { now(): number; timeOrigin: number };
      wallrunDebug: { renderedFrames(): number };
    };
    g.__starveFrames = [];
    let seen = g.wallrunDebug.renderedFrames();
    const step = (): void => {
      const rendered = g.wallrunDebug.renderedFrames();
      if (rendered !== seen) g.__starveFrames.push(g.performance.timeOrigin + g.performance.now());
      seen = rendered;
      g.requestAnimationFrame(step);
    };
    g.requestAnimationFrame(step);
  });
}

async function frameTimes(win: WallWindow): Promise<number[]> {
  return win.page.evaluate(() => (globalThis as unknown as { __starveFrames: number[] }).__starveFrames);
}

describe('a starved machine (one busy process per core for 60 s)', () => {
  let browser: WallBrowser;
  let hub: Awaited<ReturnType<typeof testHub>>;
  const wins: WallWindow[] = [];
  const reports: WatchdogReport[] = [];
  const hubLog: string[] = [];

  beforeAll(async () => {
    expect(windows).toHaveLength(3);
    hub = await testHub({ layouts: [busy], log: (m) => hubLog.push(m) });
    browser = await WallBrowser.start();
    for (const w of windows) {
      const config = withHub(pageConfig({ wall, layouts: [busy], window: w, scale: SCALE }), hub.url);
      const win = await browser.shell.openWindow(config, { watchdog: true, onWatchdogReport: (r) => reports.push(r) });
      await win.ready(90_000).catch(async (e: Error) => {
        const state = await win.page.evaluate(() => document.readyState).catch((x: Error) => x.message);
        throw new Error(`${w.id}: ${e.message}; heartbeats ${win.heartbeats}, document ${state}, http ${win.httpErrors.join(' | ')}`);
      });
      wins.push(win);
    }
    await Promise.all(wins.map((w) => waitForState(w, (s) => s.hub?.connection === 'connected' && s.hub.snapshots >= 1, undefined, 30_000)));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it('keeps every hub link, reloads nothing and keeps presenting frames (slow, not dead)', async () => {
    const before = await Promise.all(wins.map((w) => debugState(w)));
    await Promise.all(wins.map((w) => recordFrames(w)));
    const logFrom = hubLog.length;
    const procs = hogs();
    const started = Date.now();
    let ended = started;
    let n = 0;
    try {
      while (Date.now() - started < STARVE_MS) {
        n++;
        await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: TOPICS.map((topic, i) => ({ topic, value: 1 + i + Math.sin(n / 10) })) });
        if (n % 100 === 20) await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: `starve-${n}`, severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm' });
        if (n % 100 === 70) await api(hub.url, 'POST', `/api/alerts/starve-${n - 50}/clear`, TOKENS.integration, {});
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      for (const p of procs) p.kill('SIGKILL');
      ended = Date.now();
    }
    const after = await Promise.all(wins.map((w) => debugState(w)));
    // The frames presented while the hogs ran; the gaps count from the minute's start and to its end,
    // so a window that stopped presenting (or had not started) at either edge shows as a gap too.
    const times = (await Promise.all(wins.map((w) => frameTimes(w)))).map((t) => t.filter((x) => x >= started && x <= ended));
    const gaps = times.map((t) => [...t, ended].reduce((g, x, i) => ({ max: Math.max(g.max, x - g.last), last: x }), { max: 0, last: started }).max);
    const fps = times.map((t) => t.length / ((ended - started) / 1000));
    // Whole seconds of the starved minute in which a window presented nothing new.
    const empty = times.map((t) => {
      const bins = new Set(t.map((x) => Math.floor((x - started) / 1000)));
      return Array.from({ length: Math.floor((ended - started) / 1000) }, (_, i) => i).filter((i) => !bins.has(i)).length;
    });
    const disconnects = hubLog.slice(logFrom).filter((l) => / disconnected \(/.test(l));
    console.log(
      `starvation: ${procs.length} hogs × ${STARVE_MS / 1000} s, ${n} data posts; per window: frames ${times.map((t) => t.length).join(' / ')}, ` +
        `fps ${fps.map((f) => f.toFixed(1)).join(' / ')}, largest frame gap ${gaps.map((g) => Math.round(g)).join(' / ')} ms, ` +
        `seconds without a new frame ${empty.join(' / ')}; load shedding at the end ${after.map((a) => `${a.load.level} (${a.load.frameMs} ms)`).join(' / ')}; ` +
        `hub disconnects ${disconnects.length}, watchdog reports ${reports.length}${reports.length ? ` (${reports.map((r) => `${r.kind} ${r.trouble ?? ''} at ${((r.at - started) / 1000).toFixed(1)} s`).join(', ')})` : ''}; ` +
        `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`,
    );
    expect(disconnects, 'no hub link dropped').toEqual([]);
    expect(reports, 'the watchdog reloaded nothing').toEqual([]);
    for (let i = 0; i < wins.length; i++) {
      expect(after[i]!.hub?.connection, `${windows[i]!.id} still connected`).toBe('connected');
      expect(after[i]!.hub?.snapshots, `${windows[i]!.id} on its first session (no reconnect snapshot)`).toBe(before[i]!.hub?.snapshots);
      expect(gaps[i]!, `${windows[i]!.id}: no frame gap as long as the heartbeat timeout (the minute's edges included)`).toBeLessThan(10_000);
      expect(fps[i]!, `${windows[i]!.id}: at least one new frame a second`).toBeGreaterThanOrEqual(1);
      expect(after[i]!.frame - before[i]!.frame, `${windows[i]!.id}: the page's own frame counter moved`).toBeGreaterThanOrEqual(STARVE_MS / 10_000);
    }
  }, 150_000);
});
