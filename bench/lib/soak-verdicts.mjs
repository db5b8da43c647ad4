/**
 * The soak's verdicts on a finished run (bench/soak.mjs): bounded WebGL textures per window and
 * bounded memory (JS heap, renderer and GPU-process RSS), each with the figures it compared.
 */

/**
 * Bounded GL textures: pixi pools the textures of text it no longer shows and reuses them, and the
 * alert lists grow with the open alerts, so a window's net texture count on a layout is not the
 * same at every visit; a leak shows as growth that does not level off. Per window: the largest
 * count in the last third of the switches ≤ the largest before it + 4.
 */
export function textureVerdict(switches) {
  const cut = Math.floor((2 * switches.length) / 3);
  if (cut < 3) return [];
  return switches[0].perWindow.map((w, i) => {
    const earlyMax = Math.max(...switches.slice(0, cut).map((s) => s.perWindow[i].textures));
    const lateMax = Math.max(...switches.slice(cut).map((s) => s.perWindow[i].textures));
    return { window: w.window, earlyMax, lateMax, limit: earlyMax + 4, ok: lateMax <= earlyMax + 4 };
  });
}

/** Bounded memory: the last quarter of the run against the first full rotation's samples. */
export function memoryVerdict(samples) {
  const n = samples.length;
  const early = samples.slice(0, Math.max(1, Math.min(n, Math.ceil(n / 4))));
  const late = samples.slice(Math.floor((3 * n) / 4));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const heapOf = (s) => s.pages.reduce((a, p) => a + p.heapMiB, 0) / s.pages.length;
  const rows = [
    ['JS heap per window (MiB)', mean(early.map(heapOf)), mean(late.map(heapOf)), 2],
    ['renderer RSS, all (MiB)', mean(early.map((s) => s.rendererRssMiB)), mean(late.map((s) => s.rendererRssMiB)), 64],
    ['GPU process RSS (MiB)', mean(early.map((s) => s.gpuRssMiB)), mean(late.map((s) => s.gpuRssMiB)), 64],
  ];
  return rows.map(([what, first, lastMean, slack]) => ({ what, first: Math.round(first * 10) / 10, last: Math.round(lastMean * 10) / 10, limit: Math.round((first * 1.25 + slack) * 10) / 10, ok: lastMean <= first * 1.25 + slack }));
}
