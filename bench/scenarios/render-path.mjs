/**
 * Scenario render-path: what rendering the scene straight to the canvas saves against the viewport
 * texture pass (src/renderer/viewport.ts, `direct`), where a window is one screen filling it 1:1.
 * ONE window with the whole overview scene (bench/fixtures: 4 live cameras, 6 charts, 4 KPIs, the
 * ticker) and the seeded data feed, in one page, switched through `wallrunDebug.setRenderPath`:
 *   direct:  the scene rendered straight to the canvas (what the wall does here),
 *   texture: the scene into the viewport texture, then the screen's quad to the canvas (before).
 * Segments run in ABBA order so drift, others' load and warm-up weigh on both alike; the load
 * shedding is off (it would answer the machine's load, not the path). Figures per mode, pooled over
 * its segments: changed (rendered) frames per second, camera frames presented per second, rAF fps.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { ratio, round } from '../lib/stats.mjs';
import { startFeed, stopFeed } from '../lib/feed.mjs';
import { calibrate } from '../lib/calibrate.mjs';
import { loadScene } from './overview-vs-naive.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(join(ROOT, 'dist', p));

export const name = 'render-path';
export const description = 'one window, overview scene: rendered frames/s straight to the canvas vs through the viewport texture, alternating in one page';

export const defaults = {
  scale: 0.5,
  warmupS: 5,
  /** Measured time per mode, split into `segments / 2` segments each. */
  durationS: 20,
  segments: 8,
  rateHz: 10,
  seed: 20240601,
  gl: process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader',
};

const ORDER = ['direct', 'texture', 'texture', 'direct'];

/** Rendered frames, frames run, animation frames and camera uploads so far. */
function counters(page) {
  return page.evaluate(() => {
    const s = window.wallrunDebug.state();
    const uploads = (window.wallrunCameras?.().tiles ?? []).reduce((n, t) => n + (t.uploads ?? 0), 0);
    return { rendered: s.render.rendered, frames: s.frame, uploads, cameras: window.wallrunCameras?.().tiles.length ?? 0 };
  });
}

export async function run(opts, env) {
  opts = { ...defaults, ...opts };
  const scene = await loadScene(opts);
  const { startCameraFleet } = await dist('hub/demo/cameras/camera-fleet.js');
  const fleet = await startCameraFleet({ count: 4 });
  env.register('camera fleet', () => fleet.destroy());
  await fleet.ready;
  const config = { ...scene.config, cameraBase: fleet.baseUrl, load: { budgetMs: 1e6 } };
  env.log(`scene: ${scene.tiles.total} tiles; viewport ${scene.viewport.width}×${scene.viewport.height} (scale ${opts.scale}); ${scene.topics.length} topics × ${opts.rateHz}/s; GL ${opts.gl}`);

  const executablePath = process.env.WALLRUN_CHROMIUM ?? (await dist('shell/paths.js')).DEFAULT_CHROMIUM;
  const cal = await calibrate({ executablePath, gl: opts.gl, viewport: scene.viewport, register: env.register });
  const { BrowserShell } = await dist('shell/browser-shell.js');
  const shell = await BrowserShell.launch({ gl: opts.gl });
  const unregister = env.register('render-path Chromium', () => shell.destroy());
  const notes = [];
  const pooled = { direct: { rendered: 0, frames: 0, uploads: 0, ms: 0 }, texture: { rendered: 0, frames: 0, uploads: 0, ms: 0 } };
  let cameras = 0;
  try {
    const win = await shell.openWindow(config);
    await win.ready(30_000);
    await startFeed(win.page, { topics: scene.topics, rateHz: opts.rateHz, seed: opts.seed });
    await delay(opts.warmupS * 1000, undefined, { signal: env.signal });
    const segmentMs = (opts.durationS * 1000 * 2) / opts.segments;
    for (let i = 0; i < opts.segments; i++) {
      env.signal.throwIfAborted();
      const mode = ORDER[i % ORDER.length];
      const direct = await win.page.evaluate((m) => window.wallrunDebug.setRenderPath(m === 'direct' ? 'auto' : 'texture'), mode);
      if (direct !== (mode === 'direct')) throw new Error(`render path ${mode} not taken (the window is not one screen filling it 1:1?)`);
      await delay(500, undefined, { signal: env.signal }); // frames already under way finish on the old path
      const a = await counters(win.page);
      const t0 = performance.now();
      await delay(segmentMs, undefined, { signal: env.signal });
      const b = await counters(win.page);
      const ms = performance.now() - t0;
      const p = pooled[mode];
      p.ms += ms;
      p.rendered += b.rendered - a.rendered;
      p.frames += b.frames - a.frames;
      p.uploads += b.uploads - a.uploads;
      cameras = b.cameras;
      env.log(`  segment ${i + 1}/${opts.segments} ${mode}: ${round(((b.rendered - a.rendered) * 1000) / ms, 2)} rendered frames/s`);
    }
    await stopFeed(win.page).catch(() => undefined);
    if (win.errors.length) notes.push(`page errors: ${win.errors.slice(0, 5).join(' | ')}`);
    if (win.glErrors.length) notes.push(`WebGL console errors: ${win.glErrors.slice(0, 5).join(' | ')}`);
    await win.destroy();
  } finally {
    await shell.destroy().catch(() => undefined);
    unregister();
  }
  const perS = (n, ms) => round((n * 1000) / ms, 2);
  const variants = Object.fromEntries(
    Object.entries(pooled).map(([k, v]) => [k, { changedFps: perS(v.rendered, v.ms), fps: perS(v.frames, v.ms), cameraFps: cameras ? perS(v.uploads / cameras, v.ms) : null, measuredS: round(v.ms / 1000, 1) }]),
  );
  notes.push('The two paths alternate in one page (ABBA segments), so they share the machine, the data and the warm-up; load shedding off.');
  return {
    scenario: name,
    description,
    params: { scale: opts.scale, viewport: scene.viewport, warmupS: opts.warmupS, durationS: opts.durationS, segments: opts.segments, rateHzPerTopic: opts.rateHz, gl: opts.gl, seed: opts.seed, layout: 'bench/fixtures/overview-window.yaml' },
    browser: { chromiumVersion: cal.chromiumVersion, gl: cal.gl, vsyncMs: round(cal.vsyncMs, 3) },
    variants,
    ratios: Object.fromEntries(['changedFps', 'fps', 'cameraFps'].map((k) => [`${k} direct / texture`, ratio(variants.direct[k], variants.texture[k])])),
    notes,
  };
}

const ROWS = [
  ['changed (rendered) frames /s', 'changedFps'],
  ['camera frames presented /s', 'cameraFps'],
  ['fps (rAF)', 'fps'],
  ['measured (s)', 'measuredS'],
];

export function table(result) {
  const { direct, texture } = result.variants;
  const fmt = (v) => (v === null || v === undefined ? '–' : String(v));
  const w = [32, 10, 10, 16];
  const row = (cells) => cells.map((c, i) => (i ? fmt(c).padStart(w[i]) : c.padEnd(w[i]))).join('');
  const lines = [row(['metric', 'direct', 'texture', 'direct/texture']), '-'.repeat(w.reduce((a, b) => a + b, 0))];
  for (const [label, key] of ROWS) lines.push(row([label, direct[key], texture[key], ratio(direct[key], texture[key])]));
  return lines.join('\n');
}
