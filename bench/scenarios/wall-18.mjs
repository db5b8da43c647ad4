/**
 * Scenario wall-18 (on request): the project's whole wall (wall.yaml: 18 screens, 3 nodes) showing
 * one of its layouts (layouts/, default the wall's defaultLayout) in every node's windows at once,
 * at a reduced scale, in ONE headless Chromium opened by the browser shell (as `wallrun demo
 * --headless` opens a node's windows). Camera tiles play the bench's camera fleet (ffmpeg, live HLS)
 * in place of the hub's camera gateway: `camera: cam-0N` becomes the fleet's cam-0N playlist. Each
 * window gets the layout's topics from its own in-page feed (bench/lib/feed.mjs) at `--rate` per
 * topic, as a hub would send them. After `--warmup`, `--duration` measured: CPU of all Chromium
 * processes (by role, % of one core) and per window: changed (rendered) frames /s, rAF fps, camera
 * frames presented /s (uploads, or frames of the page's <video>s on the element path) and updates
 * delivered /s. See docs/bench.md.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { cpuBetween, snapshotCpu } from '../lib/procs.mjs';
import { glInfo, installChangeCounter, installFrameCollector, startFrames, stopFrames } from '../lib/page.mjs';
import { feedCount, startFeed, stopFeed } from '../lib/feed.mjs';
import { mean, round } from '../lib/stats.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(join(ROOT, 'dist', p));

export const name = 'wall-18';
export const description = "the project's whole wall (18 screens, 3 nodes' windows) at reduced scale in one Chromium: total CPU, per-window changed and camera frames /s";

export const defaults = {
  /** 1920 × 1080 screens at 0.125: 240 × 135 px each (headless Chromium throttles pages under ~100 px wide). */
  scale: 0.125,
  warmupS: 5,
  durationS: 20,
  rateHz: 2,
  layout: null,
  /** null: the wall's own window mode (span: one window per node); 'per-display': 18 windows. */
  windowMode: null,
  gl: process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader',
  seed: 20240601,
};

const source = (path) => ({ path, bytes: new Uint8Array(readFileSync(join(ROOT, path))) });
const yamls = (dir) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => source(`${dir}/${f}`));

/** The project as `wallrun` reads it: wall.yaml, layouts/, themes/, cameras.yaml. */
async function loadWall() {
  const { loadProject } = await dist('core/files/project.js');
  const { formatDiagnostic } = await dist('core/files/diagnostics.js');
  const result = loadProject({ wall: source('wall.yaml'), layouts: yamls('layouts'), themes: yamls('themes'), cameras: source('cameras.yaml') });
  if (!result.ok) throw new Error(`the project does not validate:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return result.value;
}

/** The layout with its camera tiles pointed at the fleet (`camera: cam-0N` → its HLS playlist), and the cameras it needs. */
function withFleetCameras(layout) {
  const cameras = new Set();
  const tiles = layout.tiles.map((t) => {
    if (t.widget !== 'camera' || typeof t.props.camera !== 'string') return t;
    cameras.add(t.props.camera);
    const { camera, ...props } = t.props;
    return { ...t, props: { ...props, source: `${camera}/index.m3u8` } };
  });
  return { layout: { ...layout, tiles }, cameras: [...cameras].sort() };
}

/** Topics of the layout's charts, KPIs and other data tiles, each with a value range guessed from its tile. */
function topicsOf(layout) {
  const seen = new Map();
  for (const t of layout.tiles) {
    for (const topic of t.topics ?? []) {
      if (seen.has(topic)) continue;
      const p = t.props ?? {};
      const min = typeof p.min === 'number' ? p.min : 0;
      const th = p.thresholds ?? {};
      const guess = Math.max(th.warning ?? 0, th.critical ?? 0) * 1.5;
      seen.set(topic, { topic, min, max: typeof p.max === 'number' ? p.max : guess > min ? guess : min + 100 });
    }
  }
  return [...seen.values()];
}

/** Per camera tile of the page: frames presented (uploads on the texture path) so far. */
const cameraCounts = (page) =>
  page.evaluate(() => Object.fromEntries((window.wallrunCameras?.().tiles ?? []).map((t) => [t.tile, { uploads: t.uploads ?? 0, decoded: t.framesPresented ?? 0, state: t.state }])));

async function sampleWindow(w) {
  const [changes, cams, feed] = await Promise.all([w.page.evaluate(() => window.__benchChanges.count()), cameraCounts(w.page), feedCount(w.page)]);
  const { rendered, loadLevel } = await w.page.evaluate(() => ({ rendered: window.wallrunDebug.renderedFrames(), loadLevel: window.wallrunDebug.state().load.level }));
  return { changes, cams, feed, rendered, loadLevel };
}

function windowFigures(id, a, b, frames) {
  const s = (b.changes.at - a.changes.at) / 1000;
  const camTiles = Object.keys(b.cams);
  const uploadFps = camTiles.map((t) => (b.cams[t].uploads - (a.cams[t]?.uploads ?? 0)) / s);
  const videoFps = b.changes.videos.map((n, i) => (n - (a.changes.videos[i] ?? 0)) / s);
  // The element path uploads nothing: its frames are the page <video>s' (counted as the naive page's).
  const cameraFps = uploadFps.some((f) => f > 0) || videoFps.length === 0 ? uploadFps : videoFps;
  return {
    window: id,
    rafFps: round(frames.deltas.length / s, 2),
    renderedFps: round((b.rendered - a.rendered) / s, 2),
    changedFps: round((b.changes.frames - a.changes.frames) / s, 2),
    cameraTiles: camTiles.length,
    cameraFps: round(mean(cameraFps), 2),
    camerasLive: camTiles.filter((t) => b.cams[t].state === 'live').length,
    updatesDeliveredPerS: round((b.feed.publishes - a.feed.publishes) / ((b.feed.at - a.feed.at) / 1000), 1),
    /** Load shedding's level at the end (src/renderer/load-shedder.ts: at 3 it renders twice a second). */
    loadLevel: b.loadLevel,
  };
}

export function table(r) {
  const lines = [];
  const w = [16, 10, 12, 12, 14, 14, 16, 12];
  lines.push(['window', 'rAF fps', 'rendered/s', 'changed/s', 'camera fps', 'cameras live', 'updates/s in', 'shedding'].map((x, i) => (i ? x.padStart(w[i]) : x.padEnd(w[i]))).join(''));
  lines.push('-'.repeat(w.reduce((x, y) => x + y, 0)));
  for (const p of r.windows) {
    lines.push([p.window.padEnd(w[0]), ...[p.rafFps, p.renderedFps, p.changedFps, p.cameraFps, `${p.camerasLive}/${p.cameraTiles}`, p.updatesDeliveredPerS, p.loadLevel].map((v, i) => String(v ?? '–').padStart(w[i + 1]))].join(''));
  }
  lines.push('');
  lines.push(`CPU all Chromium: ${r.cpu.chromiumTotalPct} % of a core (renderers ${r.cpu.rendererPct}, GPU process ${r.cpu.gpuPct}, browser ${r.cpu.browserPct}); cameras (ffmpeg) ${r.cpu.camerasFfmpegPct}; machine busy ${r.cpu.machineBusyPct} %, others ${r.cpu.othersOnMachinePct} % of a core`);
  return lines.join('\n');
}

export async function run(opts, env) {
  const o = { ...defaults, ...opts };
  if (o.gl !== 'swiftshader' && o.gl !== 'gpu') throw new Error(`--gl ${o.gl}: wall-18 runs one flag set (swiftshader or gpu)`);
  const project = await loadWall();
  const layoutId = o.layout ?? project.wall.defaultLayout;
  const base = project.layouts.find((l) => l.id === layoutId);
  if (!base) throw new Error(`layout ${layoutId} is not in layouts/ (known: ${project.layouts.map((l) => l.id).join(', ')})`);
  const { layout, cameras } = withFleetCameras(base);
  const topics = topicsOf(layout);
  const [{ assumedDisplays, planWindows }, { buildPageConfig }, { BrowserShell }, { startCameraFleet }] = await Promise.all([
    dist('core/displays/window-plan.js'), dist('core/page/page-config.js'), dist('shell/browser-shell.js'), dist('hub/demo/cameras/camera-fleet.js'),
  ]);
  if (o.windowMode && o.windowMode !== 'span' && o.windowMode !== 'per-display') throw new Error(`--window-mode ${o.windowMode}: use span or per-display`);
  // --window-mode: every node's windows as given (one per display instead of the wall's spans).
  const wall = o.windowMode ? { ...project.wall, nodes: project.wall.nodes.map((n) => ({ ...n, windowMode: o.windowMode })) } : project.wall;
  const windows = wall.nodes.flatMap((n) => planWindows(wall, n.id, assumedDisplays(wall, n.id)));
  env.log(`wall-18: ${wall.screens.length} screens, ${windows.length} windows of ${wall.nodes.length} nodes at scale ${o.scale}; layout ${layoutId}: ${layout.tiles.length} tiles, ${cameras.length} cameras, ${topics.length} topics × ${o.rateHz}/s per window`);

  const count = Math.max(1, ...cameras.map((c) => Number(/^cam-(\d+)$/.exec(c)?.[1] ?? 0)));
  const fleet = await startCameraFleet({ count });
  env.register('camera fleet', () => fleet.destroy());
  await fleet.ready;
  const shell = await BrowserShell.launch({ gl: o.gl });
  env.register('Chromium', () => shell.destroy());
  const wins = await Promise.all(
    windows.map(async (planned) => {
      const config = buildPageConfig({ ...project, wall, layouts: [layout] }, planned, { lang: 'vi', scale: o.scale, cameraBase: fleet.baseUrl, assetBase: '', review: false, layout: layoutId });
      const win = await shell.openWindow(config);
      await win.ready(120_000);
      return { id: planned.id, page: win.page, win };
    }),
  );
  env.signal.throwIfAborted();
  for (const w of wins) {
    await installFrameCollector(w.page);
    await installChangeCounter(w.page, { rendered: true });
    await startFeed(w.page, { topics, rateHz: o.rateHz, seed: o.seed });
  }
  env.log(`wall-18: ${wins.length} windows ready (compositing: ${shell.compositing ?? 'unknown'}); warming up ${o.warmupS} s`);
  await delay(o.warmupS * 1000, undefined, { signal: env.signal });

  const before = await Promise.all(wins.map(sampleWindow));
  await Promise.all(wins.map((w) => startFrames(w.page)));
  const cpuA = snapshotCpu();
  await delay(o.durationS * 1000, undefined, { signal: env.signal });
  const cpuB = snapshotCpu();
  const frames = await Promise.all(wins.map((w) => stopFrames(w.page)));
  const after = await Promise.all(wins.map(sampleWindow));
  await Promise.all(wins.map((w) => stopFeed(w.page).catch(() => undefined)));
  const gl = await glInfo(wins[0].page).catch(() => null);
  const errors = wins.flatMap((w) => [...w.win.errors.slice(0, 3), ...w.win.glErrors.slice(0, 3)].map((e) => `${w.id}: ${e}`));

  const cpu = cpuBetween(cpuA, cpuB);
  const pct = (x) => round((100 * (x ?? 0)) / cpu.seconds, 1);
  const figures = wins.map((w, i) => windowFigures(w.id, before[i], after[i], frames[i]));
  return {
    scenario: name,
    description,
    params: { scale: o.scale, warmupS: o.warmupS, durationS: o.durationS, gl: o.gl, compositing: shell.compositing ?? null, layout: layoutId, windowMode: o.windowMode ?? 'as wall.yaml', windows: windows.length, screens: project.wall.screens.length, rateHzPerTopic: o.rateHz, topics: topics.length, cameras: `${count} × 640x360 @ 15 fps live HLS from the camera fleet (in place of cameras.yaml)` },
    browser: { chromiumVersion: shell.version, gl },
    cpu: {
      chromiumTotalPct: pct(cpu.chromiumS),
      rendererPct: pct(cpu.byRoleS.renderer),
      gpuPct: pct(cpu.byRoleS.gpu),
      browserPct: pct(cpu.byRoleS.browser),
      camerasFfmpegPct: pct(cpu.ffmpegS),
      machineBusyPct: round(cpu.machineBusyPct, 1),
      othersOnMachinePct: pct(cpu.othersS),
    },
    windows: figures,
    totals: {
      changedFps: round(figures.reduce((s, f) => s + (f.changedFps ?? 0), 0), 1),
      cameraFramesPerS: round(figures.reduce((s, f) => s + (f.cameraFps ?? 0) * f.cameraTiles, 0), 1),
      updatesDeliveredPerS: round(figures.reduce((s, f) => s + (f.updatesDeliveredPerS ?? 0), 0), 1),
    },
    notes: [...(errors.length ? [`page or WebGL errors: ${errors.slice(0, 6).join(' | ')}`] : []), 'One Chromium for the whole wall (on the wall each node runs its own): its processes share this machine with whatever else runs on it (cpu.othersOnMachinePct).'],
  };
}
