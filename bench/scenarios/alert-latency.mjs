/**
 * Scenario alert-latency: an alert raised over REST (`POST /api/alerts`, integration token) on an
 * in-process hub (dist/hub) until it is painted on a real wall page: one headless Chromium window
 * (alert list + ticker) whose page holds its own hub session (page config `hub`: URL, wall token;
 * identity from its window). "Painted": a page-side loop reads `window.wallrunDebug.state()` once
 * per requestAnimationFrame and resolves in the first frame whose state lists the alert; latency =
 * Node's clock just before the REST call → the page's clock inside that rAF callback
 * (performance.timeOrigin + performance.now(), same machine; the frame's own rAF timestamp is kept
 * too). Then the ack round trip: each alert acknowledged through the hub's operator
 * REST (`POST /api/alerts/:id/ack`), timed to the hub's answer and to the first frame in which the
 * page shows it acknowledged. `--switches` is not used; `--alerts` is not an option: 30 alerts,
 * 300 ms apart. See docs/bench.md.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, mean, round } from '../lib/stats.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
import { testSupport } from '../lib/test-support.mjs';
import { THEME, TOKENS } from '../lib/bench-project.mjs';

const dist = (p) => import(join(ROOT, 'dist', p));

export const name = 'alert-latency';
export const description = 'REST-raised alert → painted on a hub-connected wall page, and operator ack → hub answer / page shows it (p50/p99/max)';

export const defaults = { scale: 0.25, alerts: 30, spacingMs: 300, gl: process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader', warmupS: 2 };


function alertLayout() {
  return {
    file: 'bench/alerts.yaml',
    id: 'alerts',
    title: { vi: 'Cảnh báo', en: 'Alerts' },
    theme: THEME.id,
    subdivision: { columns: 1, rows: 4 },
    tiles: [
      { id: 'list', widget: 'alert-list', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 3 }, z: 0, topics: [], priority: 'normal', props: { fontSizePx: 40 } },
      { id: 'ticker', widget: 'ticker', cell: { col: 0, row: 3, colSpan: 1, rowSpan: 1 }, z: 0, topics: [], priority: 'normal', props: { speedPxPerS: 120, fontSizePx: 60 } },
    ],
  };
}

async function rest(base, method, path, token, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

/**
 * Resolves (epoch ms of the frame, from the page's clock) in the first requestAnimationFrame whose
 * debug state shows alert `id` in state `want` ('any': listed at all). Function form: the page's
 * CSP forbids string evaluation.
 */
function paintedAt(page, id, want, timeoutMs = 20_000) {
  return page.evaluate(
    ({ id, want, timeoutMs }) =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        const step = (t) => {
          const hub = window.wallrunDebug.state().hub;
          const a = hub?.alerts.find((x) => x.id === id);
          if (a && (want === 'any' || a.state === want)) return resolve({ at: performance.timeOrigin + performance.now(), frameAt: performance.timeOrigin + t });
          if (t - t0 > timeoutMs) return reject(new Error(`alert ${id} not ${want} after ${timeoutMs} ms`));
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    { id, want, timeoutMs },
  );
}

export function table(r) {
  const rows = [
    ['', 'p50', 'p99', 'max'],
    ['REST raise → painted on wall (ms)', r.raiseToPaintMs.p50, r.raiseToPaintMs.p99, r.raiseToPaintMs.max],
    ['REST raise → hub answered (ms)', r.raiseRestMs.p50, r.raiseRestMs.p99, r.raiseRestMs.max],
    ['ack → hub confirmed (ms)', r.ackToHubMs.p50, r.ackToHubMs.p99, r.ackToHubMs.max],
    ['ack → page shows acknowledged (ms)', r.ackToPaintMs.p50, r.ackToPaintMs.p99, r.ackToPaintMs.max],
    ['frame interval (ms)', r.frameIntervalMs, '', ''],
  ];
  return rows.map((row) => row.map((c, i) => String(c).padStart(i === 0 ? 36 : 9)).join(' ')).join('\n');
}

export async function run(opts, env) {
  const o = { ...defaults, ...opts };
  const [{ makeWall }, { planWindows, assumedDisplays }, { startHub }, { BrowserShell }, { glInfo, rafInterval }] = await Promise.all([
    testSupport('wall-fixtures'),
    dist('core/displays/window-plan.js'),
    dist('hub/server.js'),
    dist('shell/browser-shell.js'),
    import('../lib/page.mjs'),
  ]);
  const wall = makeWall({ columns: 1, rows: 1, windowMode: 'per-display' });
  const planned = planWindows(wall, wall.nodes[0].id, assumedDisplays(wall, wall.nodes[0].id))[0];
  const layouts = [alertLayout()];
  const dataDir = mkdtempSync(join(tmpdir(), 'wallrun-bench-alert-'));
  env.register('hub data dir', () => rmSync(dataDir, { recursive: true, force: true }));
  const hub = await startHub({
    dataDir,
    insecure: true, // a loopback bench: TLS would only add its handshake to the figures
    layouts,
    log: () => undefined,
    operators: [],
    tokens: [
      { name: 'bench-wall', role: 'wall', token: TOKENS.wall },
      { name: 'bench-operator', role: 'operator', token: TOKENS.operator },
      { name: 'bench-integration', role: 'integration', token: TOKENS.integration },
    ],
  });
  env.register('hub', () => hub.destroy());
  const shell = await BrowserShell.launch({ gl: o.gl });
  env.register('Chromium', () => shell.destroy());
  const win = await shell.openWindow({
    wall, layouts, themes: [THEME], window: planned, initialLayout: 'alerts', lang: 'vi', scale: o.scale, cameraBase: '', assetBase: '',
    hub: { url: hub.url, token: TOKENS.wall, sound: false, reconnectMaxMs: 1000, healthEveryS: 2 },
  });
  await win.ready(60_000);
  await win.page.waitForFunction(() => window.wallrunDebug?.state().hub?.connection === 'connected' && window.wallrunDebug.state().hub.snapshots >= 1, undefined, { timeout: 20_000 });
  await delay(o.warmupS * 1000);
  const frameIntervalMs = round(await rafInterval(win.page, 1000), 1);

  const measureStart = Date.now();
  const runs = [];
  for (let k = 0; k < o.alerts; k++) {
    env.signal.throwIfAborted();
    const id = `bench-alert-${k + 1}`;
    const painted = paintedAt(win.page, id, 'any');
    await delay(20); // the page-side loop is installed (CDP round trip) before the alert exists
    const t0 = Date.now();
    const res = await rest(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id, severity: k % 3 === 0 ? 'critical' : 'major', sector: 'flood', area: 'TP. Cà Mau', title: `Ngập sâu ${k + 1} cm (đo hiệu năng)` });
    const tRest = Date.now();
    if (res.status !== 201) throw new Error(`raise ${id} refused: ${res.status} ${JSON.stringify(res.body)}`);
    const { at, frameAt } = await painted;
    const tSeen = Date.now();
    runs.push({ id, raiseRestMs: tRest - t0, raiseToPaintMs: round(at - t0, 1), raiseToFrameStartMs: round(frameAt - t0, 1), raiseToNodeSeenMs: tSeen - t0 });
    await delay(Math.max(0, o.spacingMs - (Date.now() - t0)));
  }
  for (const r of runs) {
    env.signal.throwIfAborted();
    const shown = paintedAt(win.page, r.id, 'acknowledged');
    await delay(20);
    const t0 = Date.now();
    const res = await rest(hub.url, 'POST', `/api/alerts/${r.id}/ack`, TOKENS.operator, { screen: planned.screens[0].id });
    const tHub = Date.now();
    if (res.status !== 200) throw new Error(`ack ${r.id} refused: ${res.status} ${JSON.stringify(res.body)}`);
    const { at } = await shown;
    r.ackToHubMs = tHub - t0;
    r.ackToPaintMs = round(at - t0, 1);
    await delay(Math.max(0, o.spacingMs - (Date.now() - t0)));
  }
  env.log(`alert-latency: ${runs.length} alerts raised and acknowledged`);
  const stat = (xs) => ({ p50: round(percentile(xs, 50), 1), p99: round(percentile(xs, 99), 1), max: round(Math.max(...xs), 1), mean: round(mean(xs), 1) });
  const gl = await glInfo(win.page).catch(() => null);
  const chromiumVersion = await win.page.evaluate(() => /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? null).catch(() => null);
  return {
    scenario: name,
    params: {
      windows: 1,
      alerts: o.alerts,
      spacingMs: o.spacingMs,
      scale: o.scale,
      gl: o.gl,
      viewport: win.size,
      durationS: Math.round((Date.now() - measureStart) / 1000),
      warmupS: o.warmupS,
    },
    raiseToPaintMs: stat(runs.map((r) => r.raiseToPaintMs)),
    raiseToFrameStartMs: stat(runs.map((r) => r.raiseToFrameStartMs)),
    raiseRestMs: stat(runs.map((r) => r.raiseRestMs)),
    raiseToNodeSeenMs: stat(runs.map((r) => r.raiseToNodeSeenMs)),
    ackToHubMs: stat(runs.map((r) => r.ackToHubMs)),
    ackToPaintMs: stat(runs.map((r) => r.ackToPaintMs)),
    frameIntervalMs,
    runs,
    browser: { gl, chromiumVersion },
    notes: [
      'raise → painted: Node clock just before POST /api/alerts → the page clock (same machine) inside the first rAF callback whose wallrunDebug state lists the alert, i.e. the frame that draws it; raiseToFrameStartMs uses that frame\'s rAF timestamp instead (its begin time, which can precede the alert\'s arrival, so it can come out a little lower, even below 0)',
      'ack: POST /api/alerts/:id/ack with an operator token (the wall UI path needs a PIN dialog per alert); hub confirmed = REST answer, page = first frame whose state shows it acknowledged',
      'one window, its own hub session (socket.io from the page); headless Chromium, so frames are paced by Chromium, not a display',
    ],
  };
}
