/**
 * Scenario switch-latency: the two-phase layout switch across the whole wall. 18 windows (one per
 * screen of the 6 × 3 test wall, 3 nodes; tiny text layouts at --scale, default 0.1) in one
 * headless Chromium, each with a wall connection to an in-process hub (dist/hub) announcing
 * `two-phase-switch`. The connection acts as the window's host: the hub's prepare / commit / abort
 * become the page's prepareLayout / commitLayout / abortLayout host commands, the page's
 * layoutPrepared answers the hub, and the page's swap time (layoutSwitched.at, taken in the swap
 * frame) is reported as layout:switched. `--switches` (default 10) REST switches alternate between
 * two layouts; for each: latency = command sent → the last window's swap, skew = max − min of the
 * 18 swap times, and the frame interval of every window (its fps events) for comparison.
 * See docs/bench.md.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { percentile, mean, round } from '../lib/stats.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
import { testSupport } from '../lib/test-support.mjs';
import { THEME, TOKENS } from '../lib/bench-project.mjs';

const dist = (p) => import(join(ROOT, 'dist', p));

export const name = 'switch-latency';
export const description = 'two-phase layout switch over 18 windows / 3 nodes: command → all windows swapped, and skew of the swap frames (p50/p99)';

/** scale 0.1: 192 × 108 px pages (at 0.05, 96 × 54, headless Chromium throttles requestAnimationFrame to 1 Hz). */
/**
 * leadMs 1000: the commit reaches each page through playwright (CDP) while 18 SwiftShader pages
 * load the cores; the hub's default (400 ms) is for walls whose page holds the hub link itself.
 */
export const defaults = { scale: 0.1, switches: 10, leadMs: 1000, gl: process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader', warmupS: 3 };


function textLayout(wall, id) {
  return {
    file: `bench/${id}.yaml`,
    id,
    title: { vi: id, en: id },
    theme: THEME.id,
    subdivision: { columns: wall.grid.columns, rows: wall.grid.rows },
    tiles: wall.screens.map((s) => ({
      id: `t-${s.id}`,
      widget: 'text',
      cell: { col: s.cell.col, row: s.cell.row, colSpan: 1, rowSpan: 1 },
      z: 0,
      topics: [],
      priority: 'normal',
      props: { text: `${id} · ${s.id}`, fontSizePx: 120 },
    })),
  };
}

async function rest(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKENS.operator}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

/** One window's host-side hub connection (raw socket.io, protocol 1, two-phase). */
function connect(hubUrl, identity, win, PROTOCOL_VERSION) {
  const socket = io(`${hubUrl}/wall`, {
    auth: { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity, features: ['two-phase-switch'] },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const state = { socket, offsetMs: 0 };
  const report = (commandId, layout, since) =>
    void win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === layout, timeoutMs: 60_000 }).then(
      (e) => socket.emit('layout:switched', { commandId, layout, at: Math.round(e.at + state.offsetMs) }),
      () => undefined,
    );
  socket.on('layout:prepare', async (p) => {
    const since = win.events.length;
    await win.command({ type: 'prepareLayout', switchId: p.switchId, layout: p.layout });
    const e = await win.waitForEvent('layoutPrepared', { since, pred: (x) => x.switchId === p.switchId, timeoutMs: 60_000 });
    socket.emit('layout:prepared', { switchId: p.switchId, ok: e.ok, ...(e.error ? { error: e.error } : {}) });
  });
  socket.on('layout:switch', (c) => {
    report(c.commandId, c.layout, win.events.length);
    void win.command({ type: 'commitLayout', switchId: c.commandId, layout: c.layout, at: c.at - state.offsetMs });
  });
  socket.on('layout:abort', (a) => void win.command({ type: 'abortLayout', switchId: a.switchId }));
  state.ready = new Promise((resolve, reject) => {
    socket.once('snapshot', async () => {
      // Clock offset, NTP style, best of 5 (same machine here: it should come out near 0).
      let best = null;
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        const pong = await socket.timeout(5000).emitWithAck('clock:ping', t0);
        const t1 = Date.now();
        if (!best || t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: pong.hubTime - (t0 + t1) / 2 };
      }
      state.offsetMs = best.offset;
      state.rttMs = best.rtt;
      resolve();
    });
    socket.once('connect_error', reject);
  });
  return state;
}

export function table(r) {
  const rows = [
    ['', 'p50', 'p99', 'max'],
    ['command → all 18 swapped (ms)', r.latencyMs.p50, r.latencyMs.p99, r.latencyMs.max],
    ['skew of the swap frames (ms)', r.skewMs.p50, r.skewMs.p99, r.skewMs.max],
    ['frame interval per window (ms)', r.frameIntervalMs.p50, r.frameIntervalMs.p99, r.frameIntervalMs.max],
  ];
  return rows.map((row) => row.map((c, i) => String(c).padStart(i === 0 ? 32 : 9)).join(' ')).join('\n');
}

export async function run(opts, env) {
  const o = { ...defaults, ...opts };
  const switches = o.switches;
  const [{ makeWall }, { planWindows, assumedDisplays }, { wallIdentity }, { startHub }, { BrowserShell }, { PROTOCOL_VERSION }] = await Promise.all([
    testSupport('wall-fixtures'),
    dist('core/displays/window-plan.js'),
    dist('core/page/hub-config.js'),
    dist('hub/server.js'),
    dist('shell/browser-shell.js'),
    dist('core/protocol/protocol.js'),
  ]);
  const wall = makeWall({ windowMode: 'per-display' });
  const windows = wall.nodes.flatMap((n) => planWindows(wall, n.id, assumedDisplays(wall, n.id)));
  const layouts = [textLayout(wall, 'truoc'), textLayout(wall, 'sau')];
  const dataDir = mkdtempSync(join(tmpdir(), 'wallrun-bench-switch-'));
  env.register('hub data dir', () => rmSync(dataDir, { recursive: true, force: true }));
  const hub = await startHub({
    dataDir,
    insecure: true, // a loopback bench: TLS would only add its handshake to the figures
    layouts,
    log: () => undefined,
    prepareTimeoutMs: 30_000,
    tokens: [
      { name: 'bench-wall', role: 'wall', token: TOKENS.wall },
      { name: 'bench-operator', role: 'operator', token: TOKENS.operator },
    ],
  });
  env.register('hub', () => hub.destroy());
  const shell = await BrowserShell.launch({ gl: o.gl });
  env.register('Chromium', () => shell.destroy());
  env.log(`switch-latency: opening ${windows.length} windows at scale ${o.scale}`);
  const open = async (w) => {
    const win = await shell.openWindow({
      wall, layouts, themes: [THEME], window: w, initialLayout: 'truoc', lang: 'vi', scale: o.scale, cameraBase: '', assetBase: '',
    });
    await win.ready(60_000);
    return win;
  };
  const wins = [];
  // Node by node: 18 page loads at once can starve two cores.
  for (const node of wall.nodes) wins.push(...(await Promise.all(windows.filter((w) => w.node === node.id).map(open))));
  const conns = windows.map((w, i) => connect(hub.url, wallIdentity(w), wins[i], PROTOCOL_VERSION));
  await Promise.all(conns.map((c) => c.ready));
  await delay(o.warmupS * 1000);

  const runs = [];
  const measureStart = Date.now();
  for (let k = 0; k < switches; k++) {
    env.signal.throwIfAborted();
    const target = k % 2 === 0 ? 'sau' : 'truoc';
    const since = wins.map((w) => w.events.length);
    const t0 = Date.now();
    const res = await rest(hub.url, 'POST', '/api/layout', { layout: target, leadMs: o.leadMs });
    if (res.status !== 202) throw new Error(`switch ${k} refused: ${JSON.stringify(res.body)}`);
    const committedAfterMs = Date.now() - t0;
    const swaps = await Promise.all(wins.map((w, i) => w.waitForEvent('layoutSwitched', { since: since[i], pred: (e) => e.to === target, timeoutMs: 60_000 })));
    const times = swaps.map((e) => e.at);
    // Frame intervals around this switch: the next fps event of every window.
    await Promise.all(wins.map((w, i) => w.waitForEvent('fps', { since: since[i], timeoutMs: 10_000 }).catch(() => null)));
    const intervals = wins.map((w, i) => {
      const fps = w.events.slice(since[i]).filter((e) => e.type === 'fps').map((e) => e.fps);
      return fps.length ? 1000 / Math.max(0.1, Math.min(...fps)) : NaN;
    });
    const hubRecord = (await rest(hub.url, 'GET', '/api/walls')).body.lastSwitch;
    runs.push({
      layout: target,
      prepareAndCommitMs: committedAfterMs,
      commitLeadMs: res.body.command.at - res.body.command.issuedAt,
      latencyMs: Math.max(...times) - t0,
      skewMs: Math.max(...times) - Math.min(...times),
      firstSwapAfterAtMs: Math.min(...times) - (res.body.command.at - conns[0].offsetMs),
      lastSwapAfterAtMs: Math.max(...times) - (res.body.command.at - conns[0].offsetMs),
      maxFrameIntervalMs: round(Math.max(...intervals.filter(Number.isFinite)), 1),
      medianFrameIntervalMs: round(percentile(intervals.filter(Number.isFinite), 50), 1),
      hubSkewMs: hubRecord?.skewMs ?? null,
    });
    env.log(`switch ${k + 1}/${switches} → ${target}: latency ${runs.at(-1).latencyMs} ms, skew ${runs.at(-1).skewMs} ms, frame interval ≤ ${runs.at(-1).maxFrameIntervalMs} ms`);
    await delay(300);
  }
  for (const c of conns) c.socket.disconnect();
  const stat = (xs) => ({ p50: round(percentile(xs, 50), 1), p99: round(percentile(xs, 99), 1), max: round(Math.max(...xs), 1), mean: round(mean(xs), 1) });
  const gl = await wins[0].page.evaluate(() => {
    const c = document.createElement('canvas').getContext('webgl2');
    const ext = c?.getExtension('WEBGL_debug_renderer_info');
    return c ? { renderer: ext ? c.getParameter(ext.UNMASKED_RENDERER_WEBGL) : c.getParameter(c.RENDERER) } : null;
  }).catch(() => null);
  return {
    scenario: name,
    params: {
      windows: windows.length,
      nodes: wall.nodes.length,
      switches,
      scale: o.scale,
      leadMs: o.leadMs,
      gl: o.gl,
      viewport: wins[0].size,
      durationS: Math.round((Date.now() - measureStart) / 1000),
      warmupS: o.warmupS,
      clockRttMs: stat(conns.map((c) => c.rttMs)),
    },
    latencyMs: stat(runs.map((r) => r.latencyMs)),
    skewMs: stat(runs.map((r) => r.skewMs)),
    frameIntervalMs: stat(runs.map((r) => r.maxFrameIntervalMs)),
    prepareAndCommitMs: stat(runs.map((r) => r.prepareAndCommitMs)),
    runs,
    browser: { gl },
    notes: [
      'latency: REST command sent → the last of the 18 windows showed the new layout (page clock, same machine as the hub)',
      'skew: max − min of the 18 swap-frame times; each window swaps on its first frame at or after the commit time, so skew is bounded by about one frame interval',
      'frame interval: 1000 / the lowest fps any window reported around that switch (18 SwiftShader pages share this machine\'s cores)',
    ],
  };
}
