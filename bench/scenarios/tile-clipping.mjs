/**
 * Scenario tile-clipping: what keeping tile content inside the tile rect costs
 * (src/renderer/scene/tile-clip.ts). ONE window with the overview scene minus its cameras (6 charts,
 * 4 KPIs, the alert ticker on one 1920 × 1080 screen; bench/fixtures, as overview-vs-naive's
 * `ours-no-video`) and the seeded data feed, in one page, whose tiles clip in three modes switched
 * through `wallrunDebug.setTileClipping`:
 *   overflow: what the wall does (a stencil mask only on tiles whose content reaches past the rect),
 *   always:   a stencil mask on every tile (the plain pixi way),
 *   off:      no clipping (the baseline).
 * Segments run in ABCCBA order so drift and warm-up weigh on all alike; fps and frame times of each
 * mode are pooled over its segments. The answers are ratios to `off` from the same run. See docs/bench.md.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { frameStats, ratio, round } from '../lib/stats.mjs';
import { installFrameCollector, startFrames, stopFrames } from '../lib/page.mjs';
import { startFeed, stopFeed } from '../lib/feed.mjs';
import { calibrate } from '../lib/calibrate.mjs';
import { loadScene } from './overview-vs-naive.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(join(ROOT, 'dist', p));

export const name = 'tile-clipping';
export const description = 'one window, overview scene without cameras: fps with every tile clipped to its rect vs unclipped, alternating in one page';

export const defaults = {
  scale: 0.5,
  warmupS: 5,
  /** Measured time per mode, split into `segments / 3` segments each. */
  durationS: 20,
  segments: 12,
  rateHz: 10,
  seed: 20240601,
  gl: process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader',
};

const MODES = ['overflow', 'always', 'off'];
const ORDER = ['overflow', 'always', 'off', 'off', 'always', 'overflow'];

export async function run(opts, env) {
  opts = { ...defaults, ...opts };
  const base = await loadScene(opts);
  const layout = base.config.layouts[0];
  const tiles = layout.tiles.filter((t) => t.widget !== 'camera');
  const config = { ...base.config, layouts: [{ ...layout, tiles }] };
  env.log(`scene: ${tiles.length} tiles (cameras left out); viewport ${base.viewport.width}×${base.viewport.height} (scale ${opts.scale}); ${base.topics.length} topics × ${opts.rateHz}/s`);

  const executablePath = process.env.WALLRUN_CHROMIUM ?? (await dist('shell/paths.js')).DEFAULT_CHROMIUM;
  const cal = await calibrate({ executablePath, gl: opts.gl, viewport: base.viewport, register: env.register });
  env.log(`Chromium ${cal.chromiumVersion}; GL: ${cal.gl.renderer}; idle rAF interval ${round(cal.vsyncMs, 2)} ms`);

  const { BrowserShell } = await dist('shell/browser-shell.js');
  const shell = await BrowserShell.launch({ gl: opts.gl });
  const unregister = env.register('tile-clipping Chromium', () => shell.destroy());
  const notes = [];
  const pooled = Object.fromEntries(MODES.map((m) => [m, { deltas: [], ms: 0, masked: new Set() }]));
  try {
    const win = await shell.openWindow(config);
    await win.ready(30_000);
    await installFrameCollector(win.page);
    await startFeed(win.page, { topics: base.topics, rateHz: opts.rateHz, seed: opts.seed });
    await delay(opts.warmupS * 1000, undefined, { signal: env.signal });
    const segmentMs = (opts.durationS * 1000 * MODES.length) / opts.segments;
    const masked = () => win.page.evaluate(() => window.wallrunDebug.state().tiles.filter((t) => t.clipped).map((t) => t.id));
    for (let i = 0; i < opts.segments; i++) {
      env.signal.throwIfAborted();
      const mode = ORDER[i % ORDER.length];
      await win.page.evaluate((m) => window.wallrunDebug.setTileClipping(m), mode);
      await delay(500, undefined, { signal: env.signal }); // let the switch's frames pass
      await startFrames(win.page);
      const t0 = performance.now();
      await delay(segmentMs, undefined, { signal: env.signal });
      const frames = await stopFrames(win.page);
      pooled[mode].ms += performance.now() - t0;
      pooled[mode].deltas.push(...frames.deltas);
      for (const id of await masked()) pooled[mode].masked.add(id);
      env.log(`  segment ${i + 1}/${opts.segments} ${mode}: ${round((frames.deltas.length * 1000) / (performance.now() - t0), 2)} fps`);
    }
    await stopFeed(win.page).catch(() => undefined);
    if (win.errors.length) notes.push(`page errors: ${win.errors.slice(0, 5).join(' | ')}`);
    if (win.glErrors.length) notes.push(`WebGL console errors: ${win.glErrors.slice(0, 5).join(' | ')}`);
    await win.destroy();
  } finally {
    await shell.destroy().catch(() => undefined);
    unregister();
  }

  const variants = Object.fromEntries(
    Object.entries(pooled).map(([k, v]) => [k, { frames: frameStats(v.deltas, v.ms, cal.vsyncMs), measuredS: round(v.ms / 1000, 1), maskedTiles: [...v.masked].sort() }]),
  );
  const ratios = {};
  for (const mode of ['overflow', 'always']) {
    ratios[`fps ${mode} / off`] = ratio(variants[mode].frames.fps, variants.off.frames.fps);
    ratios[`frame time p50 ${mode} / off`] = ratio(variants[mode].frames.p50Ms, variants.off.frames.p50Ms);
  }
  notes.push(
    `GL is ${opts.gl === 'swiftshader' ? 'SwiftShader (software): every stencil quad is CPU work, an upper bound of the cost on a GPU' : "the machine's GPU"}.`,
    'The three modes alternate in one page (ABCCBA segments), so they share the machine, the data and the warm-up.',
  );
  return {
    scenario: name,
    description,
    params: { scale: opts.scale, viewport: base.viewport, warmupS: opts.warmupS, durationS: opts.durationS, segments: opts.segments, rateHzPerTopic: opts.rateHz, tiles: tiles.length, gl: opts.gl, seed: opts.seed, layout: 'bench/fixtures/overview-window.yaml (camera tiles removed)' },
    browser: { chromiumVersion: cal.chromiumVersion, gl: cal.gl, vsyncMs: round(cal.vsyncMs, 3) },
    variants,
    ratios,
    notes,
  };
}

const ROWS = [
  ['fps (rAF)', 'fps'],
  ['frame time p50 (ms)', 'p50Ms'],
  ['frame time p90 (ms)', 'p90Ms'],
  ['frame time p99 (ms)', 'p99Ms'],
  ['long frames (>1.5 vsync)', 'longFrames'],
];

export function table(result) {
  const { overflow, always, off } = result.variants;
  const fmt = (v) => (v === null || v === undefined ? '–' : String(v));
  const head = ['metric', 'overflow', 'always', 'off', 'overflow/off', 'always/off'];
  const w = [28, 10, 10, 10, 14, 12];
  const row = (cells) => cells.map((c, i) => (i ? fmt(c).padStart(w[i]) : c.padEnd(w[i]))).join('');
  const lines = [row(head), '-'.repeat(w.reduce((a, b) => a + b, 0))];
  for (const [label, key] of ROWS) {
    const [a, b, c] = [overflow, always, off].map((v) => v.frames[key]);
    lines.push(row([label, a, b, c, ratio(a, c), ratio(b, c)]));
  }
  lines.push(`masked tiles (overflow): ${overflow.maskedTiles.join(', ') || 'none'}`);
  return lines.join('\n');
}
