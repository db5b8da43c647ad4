/**
 * Scenario overview-vs-naive: ONE window showing the overview scene (bench/fixtures: 4 live HLS
 * cameras, 6 charts, 4 KPIs, the alert ticker on one 1920 × 1080 screen), rendered by
 *   ours:  the wall page (dist/renderer: pixi v8 WebGL, store → dirty widgets once per frame),
 *   naive: bench/naive (DOM tiles, d3 into SVG redrawn on every update, <video> + hls.js each),
 * one after the other in the same run, each in a fresh Chromium opened by the browser shell (same
 * flags, same viewport, same host API and config), with the same camera fleet, the same seeded
 * data at the same rate and the same warm-up and measuring time. See docs/bench.md.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { frameStats, round, mean } from '../lib/stats.mjs';
import { cpuBetween, sampleMemory, snapshotCpu } from '../lib/procs.mjs';
import { glInfo, installChangeCounter, installFrameCollector, startFrames, stopFrames } from '../lib/page.mjs';
import { feedCount, startFeed, stopFeed } from '../lib/feed.mjs';
import { installLatencyProbe, startLatency, takeLatency } from '../lib/latency-probe.mjs';
import { coalescing, latencyStats, renderBlock, renderState, widgetUpdates } from '../lib/overview-measures.mjs';
import { ratiosOf, table } from '../lib/overview-table.mjs';

export { table };
import { calibrate } from '../lib/calibrate.mjs';
import { buildNaivePage } from '../lib/naive-build.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(join(ROOT, 'dist', p));

export const name = 'overview-vs-naive';
export const description = 'one window, overview scene (4 HLS cameras, 6 charts, 4 KPIs, ticker): pixi renderer vs DOM/SVG/<video> page';

export const defaults = {
  /** Device px per wall px: the 1920 × 1080 screen becomes a 960 × 540 viewport (spares SwiftShader). */
  scale: 0.5,
  warmupS: 5,
  durationS: 20,
  /** Updates per second of every chart and KPI topic. */
  rateHz: 10,
  cameras: 4,
  seed: 20240601,
  order: ['ours', 'naive'],
  gl: process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader',
  /** Ours' load shedding as shipped; false (`--no-shed`): a budget no frame reaches, so it never sheds. */
  shed: true,
  /** `page`: a page timer publishes (rateHz per topic); `worker`: a Web Worker posts batches every 10 ms (bench/lib/feed.mjs). */
  feed: 'page',
  /** Updates per second over all topics (`--rate-total`); absent: topics × rateHz. */
  rateTotal: undefined,
  /** A latency marker at most this often (ms); the next only once the last was shown (bench/lib/latency-probe.mjs). */
  latencyEveryMs: 250,
};

/** The KPI whose topic carries the latency markers: no thresholds, so a marker changes only its text. */
export const PROBE_TILE = 'kpi-sonla-health';

/** Updates per second over all topics. */
export const totalRate = (opts, scene) => opts.rateTotal ?? scene.topics.length * opts.rateHz;

function source(path) {
  return { path, bytes: new Uint8Array(readFileSync(join(ROOT, path))) };
}

/** The value range of a topic, guessed from its tile as the local demo feed does. */
function rangeFor(props) {
  const min = typeof props.min === 'number' ? props.min : 0;
  const th = props.thresholds ?? {};
  const guess = Math.max(th.warning ?? 0, th.critical ?? 0) * 1.5;
  const max = typeof props.max === 'number' ? props.max : guess > min ? guess : min + 100;
  return { min, max };
}

export async function loadScene(opts) {
  const { loadProject } = await dist('core/files/project.js');
  const { assumedDisplays, planWindows } = await dist('core/displays/window-plan.js');
  const { formatDiagnostic } = await dist('core/files/diagnostics.js');
  const result = loadProject({
    wall: source('bench/fixtures/wall.yaml'),
    layouts: [source('bench/fixtures/overview-window.yaml')],
    themes: [source('themes/control-room-dark.yaml')],
  });
  if (!result.ok) throw new Error(`bench fixtures do not validate:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  const { wall, layouts, themes } = result.value;
  const layout = layouts[0];
  const [window] = planWindows(wall, 'node-1', assumedDisplays(wall, 'node-1'));
  const topics = [];
  const seen = new Set();
  for (const tile of layout.tiles) {
    if (tile.widget !== 'chart' && tile.widget !== 'kpi') continue;
    for (const topic of tile.topics) {
      if (seen.has(topic)) continue;
      seen.add(topic);
      topics.push({ topic, ...rangeFor(tile.props) });
    }
  }
  const count = (w) => layout.tiles.filter((t) => t.widget === w).length;
  const probeTopic = layout.tiles.find((t) => t.id === PROBE_TILE)?.topics[0];
  if (!probeTopic) throw new Error(`bench/fixtures/overview-window.yaml: the latency probe's KPI tile ${PROBE_TILE} is missing`);
  const config = {
    wall,
    layouts: [layout],
    themes,
    window,
    initialLayout: layout.id,
    lang: 'vi',
    scale: opts.scale,
    cameraBase: '', // set once the fleet runs
    assetBase: '',
    review: false,
    demoFeed: false,
    // --no-shed: on a machine others load, ours' frames pass the shedding budget and it renders
    // twice a second whatever changed; that compares the shedder's reaction, not the renderers.
    ...(opts.shed === false ? { load: { budgetMs: 1e6 } } : {}),
  };
  return {
    config,
    topics,
    probeTopic,
    tiles: { cameras: count('camera'), charts: count('chart'), kpis: count('kpi'), tickers: count('ticker'), total: layout.tiles.length },
    viewport: { width: Math.round(window.bounds.width * opts.scale), height: Math.round(window.bounds.height * opts.scale) },
  };
}

/** Per-tile camera counters of either page: { tile: { framesPresented, ... } }. */
async function cameraFrames(page, variant) {
  if (variant === 'ours') {
    return page.evaluate(() => {
      const c = window.wallrunCameras?.();
      if (!c) return null;
      // Frames reaching the screen: copied to the texture, or presented by the element itself (element path).
      return Object.fromEntries(c.tiles.map((t) => [t.tile, { framesPresented: t.framesPresented ?? 0, uploads: (t.uploads ?? 0) + (t.elementFrames ?? 0), state: t.state, videoPath: t.videoPath ?? null, errors: t.errors ?? 0, lastError: t.lastError ?? null, size: `${t.videoWidth ?? 0}x${t.videoHeight ?? 0}` }]));
    });
  }
  return page.evaluate(() => {
    const c = window.naiveDebug?.cameras();
    if (!c) return null;
    const videos = [...document.querySelectorAll('video')];
    return Object.fromEntries(
      c.map((t, i) => {
        const v = videos[i];
        const q = v?.getVideoPlaybackQuality?.();
        return [t.tile, { framesPresented: t.framesPresented, decodedDropped: q?.droppedVideoFrames ?? null, state: v && !v.paused && v.readyState >= 2 ? 'live' : 'starting', errors: t.errors, lastError: t.lastError, size: `${v?.videoWidth ?? 0}x${v?.videoHeight ?? 0}` }];
      }),
    );
  });
}

async function waitCamerasPlaying(page, variant, expected, timeoutMs, signal) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    last = await cameraFrames(page, variant);
    const playing = last ? Object.values(last).filter((c) => c.framesPresented > 0).length : 0;
    if (playing >= expected) return { playing, last };
    await delay(250, undefined, { signal });
  }
  const playing = last ? Object.values(last).filter((c) => c.framesPresented > 0).length : 0;
  return { playing, last };
}

/**
 * Frames in which what the page shows changed, since load. Ours: the frames it rendered (it renders
 * only frames in which something changed; a checkout from before that renders every animation
 * frame the pace allows, and its `load.rendered` counts those). Naive: window.__benchChanges.
 */
async function changedFrames(page, variant) {
  const counted = await page.evaluate(() => window.__benchChanges.count());
  if (variant !== 'ours') return { at: counted.at, frames: counted.frames, videos: counted.videos };
  // Ours with cameras as <video> elements on the page (camera.videoPath 'element'): the browser
  // presents their frames without a canvas render, so the page's changed frames are counted as
  // naive's are (canvas renders included); otherwise its own rendered frames, as before.
  const rendered = await page.evaluate(() => window.wallrunDebug.state().render?.rendered ?? window.wallrunDebug.state().load.rendered);
  return counted.videos.length > 0 ? { at: counted.at, frames: counted.frames, videos: counted.videos, rule: 'counted' } : { at: counted.at, frames: rendered, videos: [], rule: 'rendered' };
}

/** Frames each page <video> presented per second between two changedFrames() readings (ours' element path). */
function domVideoFps(a, b, seconds) {
  return b.videos.map((n, i) => round((n - (a.videos[i] ?? 0)) / seconds, 1));
}

const PERF_KEYS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'LayoutCount', 'RecalcStyleCount'];

async function perfMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/**
 * Variants of ours that differ only in the page's `camera` slice (docs/cameras.md, "Upload cost"):
 * the per-frame upload cap (off by default) at 1 or 2.
 */
const CAMERA_VARIANTS = {
  'ours-cap1': { maxUploadsPerFrame: 1 },
  'ours-cap2': { maxUploadsPerFrame: 2 },
  // The video path forced (camera.videoPath, docs/cameras.md): frames uploaded to WebGL textures,
  // or <video> elements composited by the browser under the transparent canvas.
  'ours-texture': { videoPath: 'texture' },
  'ours-element': { videoPath: 'element' },
};

/**
 * Variants of ours that differ only in the page's `render.backend` (src/renderer/render-backend.ts):
 * pixi's WebGL renderer or its 2D canvas renderer, forced; `ours` itself runs `auto`.
 */
const RENDER_VARIANTS = {
  'ours-webgl': { backend: 'webgl' },
  'ours-canvas': { backend: 'canvas' },
};

/**
 * The variants: the two pages, each also without its camera tiles (to separate video cost); ours
 * with other camera settings; `ours-base`, the wall page built from another checkout
 * (`--base-renderer <its dist/renderer>`), for before / after in one run; and `ours-tile-stream`,
 * ours playing a second fleet whose cameras are the tiles' device size (what the wall's variant cap
 * picks from a camera that offers such a sub-stream).
 */
export const VARIANTS = ['ours', 'naive', 'ours-no-video', 'naive-no-video', 'ours-base', 'ours-tile-stream', 'ours-texture-pass', ...Object.keys(CAMERA_VARIANTS), ...Object.keys(RENDER_VARIANTS)];

/** The camera tiles' size in device px (bench/fixtures: 640 × 360 wall px), even for the encoder. */
function tileStreamSize(scale) {
  const even = (n) => Math.max(2, 2 * Math.round(n / 2));
  return { width: even(640 * scale), height: even(360 * scale) };
}

/** The scene of a variant: `*-no-video` drops the camera tiles and keeps everything else. */
function variantScene(variant, scene) {
  if (variant === 'ours-tile-stream') return { ...scene, config: { ...scene.config, cameraBase: scene.tileStreamBase } };
  const camera = CAMERA_VARIANTS[variant];
  if (camera) return { ...scene, config: { ...scene.config, camera } };
  const render = RENDER_VARIANTS[variant];
  if (render) return { ...scene, config: { ...scene.config, render } };
  if (!variant.endsWith('-no-video')) return scene;
  const layout = scene.config.layouts[0];
  const tiles = layout.tiles.filter((t) => t.widget !== 'camera');
  return {
    ...scene,
    config: { ...scene.config, layouts: [{ ...layout, tiles }] },
    tiles: { ...scene.tiles, cameras: 0, total: tiles.length },
  };
}

async function runVariant(variant, baseScene, opts, env) {
  const { BrowserShell } = await dist('shell/browser-shell.js');
  const page = variant.startsWith('naive') ? 'naive' : 'ours';
  const scene = variantScene(variant, baseScene);
  const notes = [];
  const log = (line) => env.log(`  [${variant}] ${line}`);
  const rendererDir = page === 'naive' ? env.naiveDir : variant === 'ours-base' ? opts.baseRenderer : undefined;
  const shell = await BrowserShell.launch({ gl: opts.gl, ...(rendererDir ? { rendererDir } : {}) });
  const unregister = env.register(`${variant} Chromium`, () => shell.destroy());
  try {
    const t0 = Date.now();
    const win = await shell.openWindow(scene.config);
    await win.ready(30_000);
    env.signal.throwIfAborted();
    log(`page ready in ${Date.now() - t0} ms`);
    // The bench's one-screen window renders straight to the canvas; this variant forces the viewport texture pass (src/renderer/viewport.ts).
    if (variant === 'ours-texture-pass') await win.page.evaluate(() => window.wallrunDebug.setRenderPath('texture'));
    const direct = page === 'ours' ? await win.page.evaluate(() => window.wallrunDebug.state().render?.direct ?? false) : null;
    // What the shell found (Chromium's GPU feature status) and put in the page's config: the page cannot tell.
    const compositing = await win.page.evaluate(() => window.wallrunHost.getConfig().compositing ?? null);
    const cdp = await win.context.newCDPSession(win.page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await installFrameCollector(win.page);
    await installChangeCounter(win.page, { rendered: page === 'ours' });
    await installLatencyProbe(win.page, { kind: page, tile: PROBE_TILE });
    await startFeed(win.page, { topics: scene.topics, rateHz: opts.rateHz, seed: opts.seed, feed: opts.feed, rateTotal: totalRate(opts, scene), probe: { topic: scene.probeTopic, everyMs: opts.latencyEveryMs } });

    const cams = await waitCamerasPlaying(win.page, page, scene.tiles.cameras, 15_000, env.signal);
    if (cams.playing < scene.tiles.cameras) {
      notes.push(`${variant}: only ${cams.playing} of ${scene.tiles.cameras} cameras presented a frame within 15 s of ready (${JSON.stringify(cams.last)})`);
    }
    log(`${cams.playing}/${scene.tiles.cameras} cameras playing; warming up ${opts.warmupS} s`);
    await delay(opts.warmupS * 1000, undefined, { signal: env.signal });

    // ── measuring window ──
    const feedA = await feedCount(win.page);
    const camsA = await cameraFrames(win.page, page);
    const changedA = await changedFrames(win.page, page);
    const perfA = await perfMetrics(cdp);
    const widgetsA = page === 'ours' ? await widgetUpdates(win.page) : null;
    const renderA = page === 'ours' ? await renderState(win.page) : null;
    await startFrames(win.page);
    await startLatency(win.page);
    const cpuA = snapshotCpu();
    const t1 = performance.now();
    const mem = [];
    const heap = [];
    while (performance.now() - t1 < opts.durationS * 1000) {
      await delay(Math.min(1000, opts.durationS * 1000 - (performance.now() - t1)), undefined, { signal: env.signal });
      mem.push(sampleMemory());
      heap.push((await perfMetrics(cdp)).JSHeapUsedSize);
    }
    const cpuB = snapshotCpu();
    const frames = await stopFrames(win.page);
    const latency = await takeLatency(win.page);
    const measuredMs = performance.now() - t1;
    const widgetsB = page === 'ours' ? await widgetUpdates(win.page) : null;
    const renderB = page === 'ours' ? await renderState(win.page) : null;
    const perfB = await perfMetrics(cdp);
    const camsB = await cameraFrames(win.page, page);
    const changedB = await changedFrames(win.page, page);
    // Ours' load shedding at the end of the window: at level 3 it renders at most twice a second, whatever changed.
    const load = page === 'ours' ? await win.page.evaluate(() => window.wallrunDebug.state().load) : null;
    const feedB = await feedCount(win.page);
    log(`measured ${round(measuredMs / 1000, 1)} s, ${frames.deltas.length} frames`);

    const gl = await glInfo(win.page).catch((e) => ({ error: String(e.message) }));
    await stopFeed(win.page).catch(() => undefined);
    if (page === 'naive') {
      const skipped = await win.page.evaluate(() => window.naiveDebug.skipped());
      if (skipped.length) notes.push(`naive: tiles without a naive equivalent, left out: ${skipped.join(', ')}`);
    }
    if (win.errors.length) notes.push(`${variant}: page errors: ${win.errors.slice(0, 5).join(' | ')}`);
    if (win.glErrors.length) notes.push(`${variant}: WebGL console errors: ${win.glErrors.slice(0, 5).join(' | ')}`);

    const feedS = (feedB.at - feedA.at) / 1000;
    const cpu = cpuBetween(cpuA, cpuB);
    const seconds = cpu.seconds;
    const pct = (s) => round((100 * (s ?? 0)) / seconds, 1);
    const roles = ['renderer', 'gpu', 'browser', 'utility', 'zygote', 'other'];
    const memBy = (role, key) => mem.map((m) => m[role]?.[key] ?? 0);
    const memTotal = (key) => mem.map((m) => Object.values(m).reduce((s, r) => s + r[key], 0));
    const video = {};
    for (const tile of Object.keys(camsB ?? {})) {
      const b = camsB[tile];
      // Ours: frames copied to the GPU (what the wall shows; the upload cap can skip decoded frames,
      // which stay in decodedFps), plus on the element path the frames the element presented
      // (`elementFrames`, from requestVideoFrameCallback's presentedFrames). Naive: frames its
      // <video> presented, counted the same way (bench/naive).
      const shown = (c) => (page === 'ours' ? c?.uploads : c?.framesPresented) ?? 0;
      const perS = (n) => round(n / (measuredMs / 1000), 1);
      video[tile] = { fps: perS(shown(b) - shown(camsA?.[tile])), decodedFps: perS(b.framesPresented - (camsA?.[tile]?.framesPresented ?? 0)), state: b.state, ...(b.videoPath !== undefined ? { videoPath: b.videoPath } : {}), size: b.size, errors: b.errors, lastError: b.lastError, ...(typeof b.decodedDropped === 'number' ? { droppedVideoFrames: b.decodedDropped - (camsA?.[tile]?.decodedDropped ?? 0) } : {}) };
    }
    // A checkout without `elementFrames` on the element path: the frames its page <video>s presented.
    const pageVideoFps = page === 'ours' ? domVideoFps(changedA, changedB, (changedB.at - changedA.at) / 1000) : [];
    if (pageVideoFps.length > 0) {
      Object.values(video).forEach((v, i) => {
        if (v.fps === 0 && pageVideoFps[i] !== undefined) Object.assign(v, { fps: pageVideoFps[i], counted: 'page <video> requestVideoFrameCallback' });
      });
    }
    await win.destroy();
    return {
      gl,
      compositing,
      ...(direct === null ? {} : { rendersDirect: direct }),
      ...(renderA && renderB ? { render: renderBlock(renderA, renderB, measuredMs / 1000) } : {}),
      ...(load ? { load } : {}),
      frames: { ...frameStats(frames.deltas, measuredMs, env.vsyncMs), changedFps: round((changedB.frames - changedA.frames) / ((changedB.at - changedA.at) / 1000), 1), ...(changedB.rule ? { changedRule: changedB.rule } : {}), longTasks: frames.longTasks, longTaskMs: round(frames.longTaskMs, 1) },
      cpu: {
        /** % of one core over the measuring window. */
        rendererPct: pct(cpu.byRoleS.renderer),
        gpuPct: pct(cpu.byRoleS.gpu),
        browserPct: pct(cpu.byRoleS.browser),
        otherChromiumPct: pct(roles.slice(3).reduce((s, r) => s + (cpu.byRoleS[r] ?? 0), 0)),
        chromiumTotalPct: pct(cpu.chromiumS),
        rendererPlusGpuPct: pct((cpu.byRoleS.renderer ?? 0) + (cpu.byRoleS.gpu ?? 0)),
        cpuSeconds: Object.fromEntries(Object.entries(cpu.byRoleS).map(([k, v]) => [k, round(v, 2)])),
        /** The renderer main thread's busy time (CDP Performance.getMetrics deltas), % of wall time. */
        mainThreadTaskPct: round((100 * (perfB.TaskDuration - perfA.TaskDuration)) / seconds, 1),
        mainThreadScriptPct: round((100 * (perfB.ScriptDuration - perfA.ScriptDuration)) / seconds, 1),
        mainThreadLayoutPct: round((100 * (perfB.LayoutDuration - perfA.LayoutDuration)) / seconds, 1),
        mainThreadStylePct: round((100 * (perfB.RecalcStyleDuration - perfA.RecalcStyleDuration)) / seconds, 1),
        layoutsPerS: round((perfB.LayoutCount - perfA.LayoutCount) / seconds, 1),
        styleRecalcsPerS: round((perfB.RecalcStyleCount - perfA.RecalcStyleCount) / seconds, 1),
        camerasFfmpegPct: pct(cpu.ffmpegS),
        machineBusyPct: round(cpu.machineBusyPct, 1),
        othersOnMachinePct: pct(cpu.othersS),
      },
      memory: {
        jsHeapUsedMiB: round(perfB.JSHeapUsedSize / 2 ** 20, 1),
        jsHeapUsedMeanMiB: round(mean(heap) / 2 ** 20, 1),
        jsHeapTotalMiB: round(perfB.JSHeapTotalSize / 2 ** 20, 1),
        domNodes: perfB.Nodes,
        rendererRssMeanMiB: round(mean(memBy('renderer', 'rssMiB')), 1),
        rendererRssMaxMiB: round(Math.max(...memBy('renderer', 'rssMiB')), 1),
        gpuRssMeanMiB: round(mean(memBy('gpu', 'rssMiB')), 1),
        chromiumPssMeanMiB: round(mean(memTotal('pssMiB')), 1),
        processes: Object.fromEntries(Object.entries(mem.at(-1) ?? {}).map(([k, v]) => [k, v.processes])),
      },
      // Counters over the page's own clock between their two reads: a busy page answers them late.
      data: {
        feed: opts.feed,
        /** Updates the page's main thread published (host `publish` commands run), per second. */
        publishesPerS: round((feedB.publishes - feedA.publishes) / feedS, 1),
        /** Updates the feed produced (the worker posted, or the page timer made), per second. */
        sentPerS: round((feedB.sent - feedA.sent) / feedS, 1),
        /** Worker feed: updates due by the wall clock, and those dropped from its full send buffer, per second. */
        ...(opts.feed === 'worker' ? { offeredPerS: round((feedB.offered - feedA.offered) / feedS, 1), droppedPerS: round((feedB.dropped - feedA.dropped) / feedS, 1) } : {}),
        feedTicksPerS: round((feedB.ticks - feedA.ticks) / feedS, 2),
        /** Worker feed: how old the last batch was when the main thread reached it, and the worst. */
        ...(opts.feed === 'worker' ? { queueLagMs: round(feedB.lagMs, 1), queueLagMaxMs: round(feedB.lagMaxMs, 1) } : {}),
      },
      latency: latencyStats(latency, feedB.lost),
      ...(widgetsA && widgetsB ? { coalescing: coalescing(widgetsA, widgetsB) } : {}),
      video,
      perfKeys: Object.fromEntries(PERF_KEYS.map((k) => [k, round(perfB[k] - perfA[k], 3)])),
      notes,
    };
  } finally {
    await shell.destroy().catch(() => undefined);
    unregister();
  }
}

/** One flag set: calibration, every variant in order, ratios and notes. */
async function runFlagSet(gl, scene, opts, env, naiveDir) {
  const executablePath = process.env.WALLRUN_CHROMIUM ?? (await dist('shell/paths.js')).DEFAULT_CHROMIUM;
  const cal = await calibrate({ executablePath, gl, viewport: scene.viewport, register: env.register });
  env.log(`[${gl}] Chromium ${cal.chromiumVersion}; GL: ${cal.gl.renderer}; idle rAF interval ${round(cal.vsyncMs, 2)} ms`);
  const variants = {};
  const notes = [];
  for (const variant of opts.order) {
    env.signal.throwIfAborted();
    env.log(`running ${variant} (${gl})…`);
    try {
      variants[variant] = await runVariant(variant, scene, { ...opts, gl }, { ...env, vsyncMs: cal.vsyncMs, naiveDir });
      notes.push(...variants[variant].notes);
      delete variants[variant].notes;
    } catch (err) {
      if (env.signal.aborted) throw err;
      notes.push(`${variant}: failed: ${err.message}`);
      env.log(`  [${variant}] FAILED: ${err.message}`);
    }
  }

  const ratios = ratiosOf(variants);
  const camState = variants.ours?.video ?? {};
  const oursCams = Object.values(camState);
  if (variants.ours && (oursCams.length < scene.tiles.cameras || oursCams.some((c) => !(c.fps > 0)))) {
    notes.push(`ours: the camera widget did not show live video in every tile during the measuring window (${JSON.stringify(camState)}); the ours figures then lack part of the video work`);
  }
  notes.push(
    gl === 'swiftshader'
      ? 'GL forced to SwiftShader (software, CPU) with GPU compositing on it: WebGL drawing is CPU work here, which penalises the pixi renderer against DOM compositing; ratios are not GPU figures.'
      : "GL as Chromium's defaults pick it (`--gl gpu`): the machine's GPU where there is one; without one, software compositing (each variant's `compositing`, from the shell) and WebGL on SwiftShader.",
  );
  return { browser: { chromiumVersion: cal.chromiumVersion, gl: cal.gl, vsyncMs: round(cal.vsyncMs, 3) }, variants, ratios, notes };
}

export async function run(opts, env) {
  opts = { ...defaults, ...opts };
  const unknown = opts.order.filter((v) => !VARIANTS.includes(v));
  if (unknown.length) throw new Error(`unknown variant(s) ${unknown.join(', ')}; known: ${VARIANTS.join(', ')}`);
  if (opts.order.includes('ours-base') && !opts.baseRenderer) throw new Error('variant ours-base needs --base-renderer <dist/renderer of the baseline checkout>');
  if (!['swiftshader', 'gpu', 'both'].includes(opts.gl)) throw new Error(`--gl ${opts.gl}: use swiftshader, gpu or both`);
  if (opts.feed !== 'page' && opts.feed !== 'worker') throw new Error(`--feed ${opts.feed}: use page or worker`);
  const scene = await loadScene(opts);
  const { startCameraFleet } = await dist('hub/demo/cameras/camera-fleet.js');
  env.log(`scene: ${scene.tiles.cameras} cameras, ${scene.tiles.charts} charts, ${scene.tiles.kpis} KPIs, ${scene.tiles.tickers} ticker; viewport ${scene.viewport.width}×${scene.viewport.height} (scale ${opts.scale}); ${scene.topics.length} topics, ${totalRate(opts, scene)} updates/s from the ${opts.feed} feed`);

  const [fleet, naive] = await Promise.all([
    startCameraFleet({ count: opts.cameras }).then((f) => {
      env.register('camera fleet', () => f.destroy());
      return f;
    }),
    buildNaivePage(),
  ]);
  env.register('naive build folder', () => rm(naive.dir, { recursive: true, force: true }));
  await fleet.ready;
  env.signal.throwIfAborted();
  scene.config.cameraBase = fleet.baseUrl;
  if (opts.order.includes('ours-tile-stream')) {
    // Runs through the whole bench, so every variant shares the machine with its encoders.
    const small = await startCameraFleet({ count: opts.cameras, ...tileStreamSize(opts.scale) });
    env.register('tile-size camera fleet', () => small.destroy());
    await small.ready;
    scene.tileStreamBase = small.baseUrl;
  }
  env.log(`camera fleet ready at ${fleet.baseUrl}; naive page bundled (${round(naive.bundleBytes / 1024, 0)} KiB)`);

  const glSets = opts.gl === 'both' ? ['swiftshader', 'gpu'] : [opts.gl];
  const flagSets = {};
  for (const gl of glSets) flagSets[gl] = await runFlagSet(gl, scene, opts, env, naive.dir);
  const notes = glSets.flatMap((gl) => flagSets[gl].notes.map((n) => (glSets.length > 1 ? `[${gl}] ${n}` : n)));
  for (const gl of glSets) delete flagSets[gl].notes;
  notes.push('The variants run one after the other on the same machine; other load on the machine during each window is in cpu.othersOnMachinePct.');
  const rate = totalRate(opts, scene);
  return {
    scenario: name,
    description,
    params: {
      scale: opts.scale,
      screenPx: '1920x1080',
      viewport: scene.viewport,
      warmupS: opts.warmupS,
      durationS: opts.durationS,
      feed: opts.feed,
      ...(opts.feed === 'page' ? { rateHzPerTopic: rate / scene.topics.length } : { batchMs: 10 }),
      topics: scene.topics.length,
      publishesPerS: rate,
      latencyProbe: { tile: PROBE_TILE, topic: scene.probeTopic, everyMs: opts.latencyEveryMs },
      alerts: '5 at start, one more every 5 s, at most 6 active',
      cameras: `${opts.cameras} × 640x360 @ 15 fps live HLS (1 s segments) from the camera fleet`,
      ...(opts.order.includes('ours-tile-stream') ? { tileStreamCameras: `${opts.cameras} × ${Object.values(tileStreamSize(opts.scale)).join('x')} @ 15 fps, a second fleet running through the whole bench, played by ours-tile-stream` } : {}),
      tiles: scene.tiles,
      order: opts.order,
      ...(opts.baseRenderer ? { baseRenderer: opts.baseRenderer } : {}),
      cameraVariants: Object.fromEntries(opts.order.filter((v) => CAMERA_VARIANTS[v]).map((v) => [v, CAMERA_VARIANTS[v]])),
      renderVariants: Object.fromEntries(opts.order.filter((v) => RENDER_VARIANTS[v]).map((v) => [v, { render: RENDER_VARIANTS[v] }])),
      gl: opts.gl,
      loadShedding: opts.shed !== false,
      seed: opts.seed,
      layout: 'bench/fixtures/overview-window.yaml',
      wall: 'bench/fixtures/wall.yaml',
    },
    // One flag set: its figures at the top level, as before; `--gl both`: one entry per flag set.
    ...(glSets.length === 1 ? flagSets[glSets[0]] : { browser: flagSets[glSets[0]].browser, flagSets }),
    notes,
  };
}
