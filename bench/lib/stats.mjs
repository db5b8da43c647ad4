/** Small statistics for frame deltas and samples. Pure. */

/** Linear-interpolated percentile (p in [0, 100]) of unsorted numbers; NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = (p / 100) * (s.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

export const mean = (v) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);

/**
 * Frame statistics from requestAnimationFrame deltas (ms) collected over `durationMs`, against the
 * display's vsync interval `vsyncMs` (measured on an idle page of the same browser).
 *  - long frames: deltas > 1.5 × vsync (a frame that missed at least one vsync);
 *  - dropped: vsyncs with no frame: Σ max(0, round(delta / vsync) − 1);
 *  - expected: durationMs / vsync; presented: deltas.length.
 */
export function frameStats(deltas, durationMs, vsyncMs) {
  const dropped = deltas.reduce((n, d) => n + Math.max(0, Math.round(d / vsyncMs) - 1), 0);
  const expected = durationMs / vsyncMs;
  return {
    frames: deltas.length,
    expectedFrames: round(expected, 1),
    fps: round((deltas.length * 1000) / durationMs, 2),
    p50Ms: round(percentile(deltas, 50), 2),
    p90Ms: round(percentile(deltas, 90), 2),
    p99Ms: round(percentile(deltas, 99), 2),
    maxMs: round(deltas.length ? Math.max(...deltas) : NaN, 2),
    meanMs: round(mean(deltas), 2),
    longFrames: deltas.filter((d) => d > 1.5 * vsyncMs).length,
    droppedFrames: dropped,
    droppedPct: round((100 * dropped) / Math.max(1, expected), 2),
  };
}

export function round(x, digits = 2) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** ours / naive, rounded; null when either is missing or naive is 0. */
export function ratio(ours, naive, digits = 3) {
  if (typeof ours !== 'number' || typeof naive !== 'number' || !Number.isFinite(ours) || !Number.isFinite(naive) || naive === 0) return null;
  return round(ours / naive, digits);
}
