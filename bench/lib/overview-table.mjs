/**
 * overview-vs-naive's table: the rows (label, path into a variant's result), the pairs of variants
 * compared (ratio = first / second), the printed tables (per flag set with `--gl both`) and the
 * ratios of the JSON.
 */
import { mean, ratio, round } from './stats.mjs';

/** Rows of the printed table and of `ratios`: [label, path into a variant's result, better when lower?]. */
export const ROWS = [
  ['compositing (the shell found)', 'compositing'],
  ['render backend', 'render.backend'],
  ['frame time p50 (ms)', 'frames.p50Ms'],
  ['frame time p99 (ms)', 'frames.p99Ms'],
  ['fps (rAF)', 'frames.fps'],
  ['changed frames /s', 'frames.changedFps'],
  // Only where the canvas backend redrew part of a frame: a row of zeros would read as a measure.
  ['  partial (changed tiles only) /s', (r) => r.render?.partialFps || null],
  ['load shedding level (at the end)', 'load.level'],
  ['dropped frames', 'frames.droppedFrames'],
  ['dropped (% of expected)', 'frames.droppedPct'],
  ['long frames (>1.5 vsync)', 'frames.longFrames'],
  ['long tasks (>50 ms)', 'frames.longTasks'],
  ['CPU renderer (% core)', 'cpu.rendererPct'],
  ['CPU GPU process (% core)', 'cpu.gpuPct'],
  ['CPU renderer+GPU (% core)', 'cpu.rendererPlusGpuPct'],
  ['CPU all Chromium (% core)', 'cpu.chromiumTotalPct'],
  ['main thread busy (% time)', 'cpu.mainThreadTaskPct'],
  ['  script (% time)', 'cpu.mainThreadScriptPct'],
  ['  layout+style (% time)', (r) => (r.cpu.mainThreadLayoutPct ?? 0) + (r.cpu.mainThreadStylePct ?? 0)],
  ['JS heap used (MiB)', 'memory.jsHeapUsedMiB'],
  ['renderer RSS mean (MiB)', 'memory.rendererRssMeanMiB'],
  ['GPU process RSS mean (MiB)', 'memory.gpuRssMeanMiB'],
  ['Chromium PSS total (MiB)', 'memory.chromiumPssMeanMiB'],
  ['DOM nodes', 'memory.domNodes'],
  ['camera frames presented /s (mean)', (r) => round(mean(Object.values(r.video).map((v) => v.fps ?? 0)), 1)],
  ['update → pixel p50 (ms)', 'latency.p50Ms'],
  ['update → pixel p99 (ms)', 'latency.p99Ms'],
  ['  latency samples', 'latency.samples'],
  ['updates offered by the feed /s', (r) => r.data.offeredPerS ?? r.data.sentPerS],
  ['  dropped (send buffer full) /s', 'data.droppedPerS'],
  ['updates delivered /s (page main thread)', 'data.publishesPerS'],
  ['most updates of a widget per frame', 'coalescing.mostUpdatesPerLoopFrame'],
  ['machine busy, all cores (%)', 'cpu.machineBusyPct'],
  ['others on machine (% core)', 'cpu.othersOnMachinePct'],
];

export const get = (r, path) => (typeof path === 'function' ? path(r) : path.split('.').reduce((o, k) => o?.[k], r));

export const PAIRS = [
  ['ours', 'naive'],
  ['ours-no-video', 'naive-no-video'],
  ['ours-element', 'naive'],
  ['ours-texture', 'naive'],
  ['ours-element', 'ours-texture'],
  ['ours-canvas', 'naive'],
  ['ours-webgl', 'naive'],
  ['ours-canvas', 'ours-webgl'],
  ['ours', 'ours-base'],
  ['ours', 'ours-texture-pass'],
  ['ours-tile-stream', 'ours'],
  ['ours-tile-stream', 'naive'],
  ['ours-base', 'naive'],
  ['ours-cap1', 'ours'],
  ['ours-cap2', 'ours'],
  ['ours-cap1', 'naive'],
  ['ours-cap2', 'naive'],
];
/** Pairs printed even when one side did not run (its column shows –). */
const ALWAYS_SHOWN = 2;

function pairTable(a, b, [na, nb]) {
  const lines = [];
  const w = [40, 16, 16, 12];
  const fmt = (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : String(typeof v === 'number' ? round(v, 2) : v));
  lines.push([na === 'ours' && nb === 'naive' ? 'metric' : `metric (${na} / ${nb})`, na, nb, 'ratio'].map((x, i) => (i ? x.padStart(w[i]) : x.padEnd(w[i]))).join(''));
  lines.push('-'.repeat(w.reduce((x, y) => x + y, 0)));
  for (const [label, path] of ROWS) {
    const x = a ? get(a, path) : null;
    const y = b ? get(b, path) : null;
    lines.push([label.padEnd(w[0]), fmt(x).padStart(w[1]), fmt(y).padStart(w[2]), fmt(ratio(x, y)).padStart(w[3])].join(''));
  }
  return lines.join('\n');
}

/** One table per pair of variants that ran (ratio = first / second, i.e. ours / naive); per flag set with `--gl both`. */
export function table(result) {
  const tables = (v) => {
    const out = [];
    PAIRS.forEach((pair, i) => {
      if (i < ALWAYS_SHOWN ? v[pair[0]] || v[pair[1]] : v[pair[0]] && v[pair[1]]) out.push(pairTable(v[pair[0]], v[pair[1]], pair));
    });
    return out.join('\n\n');
  };
  if (!result.flagSets) return tables(result.variants);
  return Object.entries(result.flagSets)
    .map(([gl, set]) => `── ${gl === 'gpu' ? "--gl gpu (Chromium's defaults)" : '--gl swiftshader (forced SwiftShader)'}: ${set.browser.gl.renderer} ──\n${tables(set.variants)}`)
    .join('\n\n');
}

/** ours / naive per metric (and the other pairs that ran, under "a / b"). */
export function ratiosOf(variants) {
  const ratios = {};
  for (const [a, b] of PAIRS) {
    if (!variants[a] || !variants[b]) continue;
    const r = Object.fromEntries(ROWS.map(([label, path]) => [label, ratio(get(variants[a], path), get(variants[b], path))]));
    if (a === 'ours' && b === 'naive') Object.assign(ratios, r);
    else ratios[`${a} / ${b}`] = r;
  }
  return ratios;
}
