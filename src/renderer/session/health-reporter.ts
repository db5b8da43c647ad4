/**
 * Health reports to the hub every few seconds (protocol `health`): frames per second, the page's
 * JavaScript heap where Chromium tells it (performance.memory), each camera tile's stream
 * state with the time it entered it (web tiles' frames too, as streams), the node's dark screens (its shell's display check), which
 * the hub counts as dead wall-wide, and what the shell's watchdog did to this window before this page.
 */
import { LIMITS } from '../../core/protocol/limits.js';
import { CAMERA_FALLBACKS, type CameraFallback, type CameraPath, type HealthReport, type LoadReport, type StreamHealth, type StreamState, type WatchdogHistory } from '../../core/protocol/wall-health.js';
import { ID } from '../../core/protocol/schemas/fields.js';
import { isQuietHistory } from '../../core/kiosk/watchdog-history.js';

/** A camera tile's state (window.wallrunCameras) → the protocol's stream state. */
const STREAM: Record<string, StreamState> = {
  waiting: 'loading',
  connecting: 'loading',
  live: 'playing',
  recovering: 'stalled',
  frozen: 'no-signal',
};

interface ChromeMemory {
  usedJSHeapSize: number;
  jsHeapSizeLimit: number;
}

export class HealthReporter {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly since = new Map<string, { state: StreamState; since: number }>();
  public sent = 0;

  public constructor(
    private readonly everyMs: number,
    private readonly read: () => { layout: string | null; fps: number; changedFps?: number; darkScreens: readonly string[]; watchdog?: WatchdogHistory | undefined; webStreams?: { tile: string; state: StreamState }[]; load?: LoadReport },
    private readonly send: (report: HealthReport) => boolean,
    private readonly hubNow: () => number,
  ) {}

  public init(): void {
    this.timer = setInterval(() => this.report(), this.everyMs);
  }

  /** Builds and sends one report now; returns whether it went out. */
  public report(): boolean {
    const { layout, fps, changedFps, darkScreens, watchdog, webStreams, load } = this.read();
    const dark = darkScreens.filter((s) => ID.test(s) && s.length <= LIMITS.id).slice(0, LIMITS.screens);
    const memory = (performance as unknown as { memory?: ChromeMemory }).memory;
    const report: HealthReport = {
      at: Math.round(this.hubNow()),
      layout: layout && ID.test(layout) && layout.length <= LIMITS.id ? layout : null,
      fps: Math.min(1000, Math.max(0, Math.round(fps * 10) / 10)),
      ...(changedFps === undefined ? {} : { changedFps: Math.min(1000, Math.max(0, Math.round(changedFps * 10) / 10)) }),
      ...(memory ? { memory: { usedMB: Math.round(memory.usedJSHeapSize / 1048576), limitMB: Math.round(memory.jsHeapSizeLimit / 1048576) } } : {}),
      streams: this.streams(webStreams ?? []),
      ...(dark.length > 0 ? { deadScreens: dark } : {}),
      ...(watchdog && !isQuietHistory(watchdog) ? { watchdog } : {}),
      ...(load ? { load: { ...load, frameMs: Math.min(1e7, load.frameMs) } } : {}),
    };
    const ok = this.send(report);
    if (ok) this.sent += 1;
    return ok;
  }

  public destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Camera tiles' streams, then web tiles' (`web`: their frames' states, page-layer.ts). */
  private streams(web: readonly { tile: string; state: StreamState }[]): StreamHealth[] {
    const cameras = (window.wallrunCameras?.().tiles ?? [])
      // A tile hidden by degraded mode shows no stream: it is left out until it is shown again.
      .filter((t) => t.state !== 'paused')
      .map((t) => ({ tile: t.tile, state: STREAM[t.state] ?? 'loading', ...cameraPath(t.path, t.fallback) }));
    const now = Math.round(this.hubNow());
    const seen = new Set<string>();
    const out: StreamHealth[] = [];
    for (const t of [...cameras, ...web] as (typeof cameras)[number][]) {
      if (!ID.test(t.tile) || t.tile.length > LIMITS.id || seen.has(t.tile)) continue;
      seen.add(t.tile);
      const state = t.state;
      const prev = this.since.get(t.tile);
      const since = prev && prev.state === state ? prev.since : now;
      this.since.set(t.tile, { state, since });
      out.push({ tile: t.tile, state, since, ...(t.path ? { path: t.path } : {}), ...(t.fallback ? { fallback: t.fallback } : {}) });
      if (out.length >= LIMITS.streams) break;
    }
    for (const tile of [...this.since.keys()]) if (!seen.has(tile)) this.since.delete(tile);
    return out;
  }
}

/** A camera tile's path, and why it is on the HLS fallback (only the protocol's reasons). */
function cameraPath(path: string | undefined, fallback: string | null | undefined): { path?: CameraPath; fallback?: CameraFallback } {
  return {
    ...(path === 'mse' || path === 'hls' ? { path } : {}),
    ...(fallback && (CAMERA_FALLBACKS as readonly string[]).includes(fallback) ? { fallback: fallback as CameraFallback } : {}),
  };
}
