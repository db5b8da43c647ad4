/**
 * Scenario idle-layout: what a window costs while nothing on it changes. The overview scene's
 * charts and KPIs (bench/fixtures, no cameras, no ticker, no data feed) on one 1920 × 1080 screen,
 * in a fresh Chromium per run, measured for `--duration` seconds after `--warmup`: frames rendered
 * against animation frames, and the CPU of the variant's Chromium processes. Variants alternate
 * (ours, ours-base, ours, ours-base, …) when `--base-renderer` names an older wall page, so others'
 * load weighs on both alike. On request only: `node bench/run.mjs idle-layout [--gl gpu]`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { mean, ratio, round } from '../lib/stats.mjs';
import { cpuBetween, snapshotCpu } from '../lib/procs.mjs';
import { calibrate } from '../lib/calibrate.mjs';
import { loadScene } from './overview-vs-naive.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(join(ROOT, 'dist', p));

export const name = 'idle-layout';
export const description = 'one window of charts and KPIs with no data coming: frames rendered and Chromium CPU while idle (ours vs --base-renderer)';

export const defaults = {
  scale: 0.5,
  warmupS: 3,
  durationS: 10,
  /** Runs per variant, alternating. */
  runs: 2,
  gl: process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader',
};

async function measure(variant, rendererDir, config, opts, env) {
  const { BrowserShell } = await dist('shell/browser-shell.js');
  const shell = await BrowserShell.launch({ gl: opts.gl, ...(rendererDir ? { rendererDir } : {}) });
  const unregister = env.register(`${variant} Chromium`, () => shell.destroy());
  try {
    const win = await shell.openWindow(config);
    await win.ready(30_000);
    await delay(opts.warmupS * 1000, undefined, { signal: env.signal });
    // `render` is this page's debug state; an older page renders every frame and counts them in load.rendered.
    const read = () => win.page.evaluate(() => {
      const s = window.wallrunDebug.state();
      return { rendered: s.render?.rendered ?? s.load.rendered, frames: s.frame };
    });
    const s0 = await read();
    const a = snapshotCpu();
    await delay(opts.durationS * 1000, undefined, { signal: env.signal });
    const b = snapshotCpu();
    const s1 = await read();
    const cpu = cpuBetween(a, b);
    const pct = (s) => round((100 * (s ?? 0)) / cpu.seconds, 1);
    await win.destroy();
    return {
      renderedPerS: round((s1.rendered - s0.rendered) / cpu.seconds, 2),
      framesPerS: round((s1.frames - s0.frames) / cpu.seconds, 2),
      chromiumPct: pct(cpu.chromiumS),
      rendererPct: pct(cpu.byRoleS.renderer),
      gpuPct: pct(cpu.byRoleS.gpu),
      othersPct: pct(cpu.othersS),
    };
  } finally {
    await shell.destroy().catch(() => undefined);
    unregister();
  }
}

export async function run(opts, env) {
  opts = { ...defaults, ...opts };
  const scene = await loadScene(opts);
  const layout = scene.config.layouts[0];
  const tiles = layout.tiles.filter((t) => t.widget === 'chart' || t.widget === 'kpi');
  const config = { ...scene.config, layouts: [{ ...layout, tiles }] };
  env.log(`scene: ${tiles.length} tiles (charts and KPIs, no data); viewport ${scene.viewport.width}×${scene.viewport.height}; GL ${opts.gl}`);
  const executablePath = process.env.WALLRUN_CHROMIUM ?? (await dist('shell/paths.js')).DEFAULT_CHROMIUM;
  const cal = await calibrate({ executablePath, gl: opts.gl, viewport: scene.viewport, register: env.register });
  const variants = opts.baseRenderer ? [['ours', undefined], ['ours-base', opts.baseRenderer]] : [['ours', undefined]];
  const runs = Object.fromEntries(variants.map(([v]) => [v, []]));
  for (let i = 0; i < opts.runs; i++) {
    for (const [variant, dir] of variants) {
      env.signal.throwIfAborted();
      const r = await measure(variant, dir, config, opts, env);
      runs[variant].push(r);
      env.log(`  ${variant} run ${i + 1}: ${r.renderedPerS} rendered / ${r.framesPerS} animation frames per s, Chromium ${r.chromiumPct} % core (others ${r.othersPct})`);
    }
  }
  const pooled = Object.fromEntries(Object.entries(runs).map(([v, rs]) => [v, Object.fromEntries(Object.keys(rs[0]).map((k) => [k, round(mean(rs.map((r) => r[k])), 2)]))]));
  return {
    scenario: name,
    description,
    params: { scale: opts.scale, viewport: scene.viewport, warmupS: opts.warmupS, durationS: opts.durationS, runs: opts.runs, gl: opts.gl, tiles: tiles.length, ...(opts.baseRenderer ? { baseRenderer: opts.baseRenderer } : {}) },
    browser: { chromiumVersion: cal.chromiumVersion, gl: cal.gl, vsyncMs: round(cal.vsyncMs, 3) },
    variants: pooled,
    runs,
    ratios: pooled['ours-base'] ? { 'Chromium CPU ours / ours-base': ratio(pooled.ours.chromiumPct, pooled['ours-base'].chromiumPct) } : {},
    notes: ['Means over the runs; variants alternate, each in a fresh Chromium.'],
  };
}

const ROWS = [
  ['rendered frames /s', 'renderedPerS'],
  ['animation frames /s', 'framesPerS'],
  ['CPU all Chromium (% core)', 'chromiumPct'],
  ['  renderer (% core)', 'rendererPct'],
  ['  GPU process (% core)', 'gpuPct'],
  ['others on machine (% core)', 'othersPct'],
];

export function table(result) {
  const { ours, 'ours-base': base } = result.variants;
  const fmt = (v) => (v === null || v === undefined ? '–' : String(v));
  const w = [30, 10, 12, 10];
  const row = (cells) => cells.map((c, i) => (i ? fmt(c).padStart(w[i]) : c.padEnd(w[i]))).join('');
  const lines = [row(['metric', 'ours', 'ours-base', 'ratio']), '-'.repeat(w.reduce((a, b) => a + b, 0))];
  for (const [label, key] of ROWS) lines.push(row([label, ours[key], base?.[key], base ? ratio(ours[key], base[key]) : null]));
  return lines.join('\n');
}
