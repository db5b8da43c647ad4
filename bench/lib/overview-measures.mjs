/**
 * Figures of overview-vs-naive beyond frames and CPU: update → pixel latency statistics, and
 * whether ours' store coalesces (each widget updated at most once per frame, however many
 * updates its topics got in between), and what drew ours (the render backend, its partial frames).
 */
import { percentile, round } from './stats.mjs';

/** p50 / p99 / max of the latency samples (ms), the sample count, and markers lost or still waiting. */
export function latencyStats({ samples, waiting }, lost) {
  return {
    samples: samples.length,
    p50Ms: round(percentile(samples, 50), 1),
    p99Ms: round(percentile(samples, 99), 1),
    maxMs: round(samples.length ? Math.max(...samples) : NaN, 1),
    /** Markers never shown within the feed's give-up time (10 s), over the whole run. */
    lost,
    /** Markers issued but not shown when the window ended. */
    waitingAtEnd: waiting,
  };
}

/** Ours: each chart and KPI tile's widget update count, the loop's frame number and rendered frames. */
export function widgetUpdates(page) {
  return page.evaluate(() => {
    const s = window.wallrunDebug.state();
    const tiles = Object.fromEntries(s.tiles.filter((t) => t.widget === 'chart' || t.widget === 'kpi').map((t) => [t.id, t.updates]));
    return { tiles, frame: s.frame, rendered: window.wallrunDebug.renderedFrames(), publishes: window.wallrunDebug.publishes() };
  });
}

/**
 * Between two widgetUpdates() readings: the most updates any one widget got, per animation frame
 * of the page's loop and per rendered frame. At most 1 per frame means the store coalesced: the
 * widget saw the latest value once a frame, not each publish.
 */
export function coalescing(a, b) {
  const frames = b.frame - a.frame;
  const rendered = b.rendered - a.rendered;
  const perTile = Object.fromEntries(Object.entries(b.tiles).map(([id, n]) => [id, n - (a.tiles[id] ?? 0)]));
  const most = Math.max(0, ...Object.values(perTile));
  return {
    storePublishes: b.publishes - a.publishes,
    loopFrames: frames,
    renderedFrames: rendered,
    mostWidgetUpdates: most,
    mostUpdatesPerLoopFrame: round(most / Math.max(1, frames), 3),
    mostUpdatesPerRenderedFrame: round(most / Math.max(1, rendered), 3),
    widgetUpdates: perTile,
  };
}

/** Ours' render debug state (`wallrunDebug.state().render`); a checkout from before the render backend lacks `backend` and `partial`. */
export function renderState(page) {
  return page.evaluate(() => {
    const r = window.wallrunDebug.state().render;
    return { backend: r?.backend ?? null, partial: r?.partial ?? null };
  });
}

/**
 * The JSON's `render` block: what drew (`webgl` or `canvas`; null for an older checkout) and the
 * canvas backend's partial frames (only the changed tiles redrawn) over the measuring window.
 */
export function renderBlock(a, b, seconds) {
  const partial = a.partial === null || b.partial === null ? null : b.partial - a.partial;
  return { backend: b.backend, partialFrames: partial, partialFps: partial === null ? null : round(partial / seconds, 1) };
}
