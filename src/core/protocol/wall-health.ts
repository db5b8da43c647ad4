/**
 * What a wall tells the hub about its own health (docs/protocol.md "Events"), and what the hub
 * tells walls back about dead screens ("7. Degraded mode"): stream states, the shell watchdog's
 * history, the health report and the degraded state. Pure types.
 */

export const STREAM_STATES = ['loading', 'playing', 'stalled', 'no-signal', 'error'] as const;
export type StreamState = (typeof STREAM_STATES)[number];

/** How a camera tile plays (docs/cameras.md): the hub's low-latency path, or HLS. */
export const CAMERA_PATHS = ['mse', 'hls'] as const;
export type CameraPath = (typeof CAMERA_PATHS)[number];
/** Why a project camera plays the gateway's HLS instead of its low-latency path. */
export const CAMERA_FALLBACKS = ['refused', 'unknown-camera', 'codec', 'media'] as const;
export type CameraFallback = (typeof CAMERA_FALLBACKS)[number];

export interface StreamHealth {
  tile: string;
  state: StreamState;
  /** Since when (wall clock) the stream is in this state. */
  since: number;
  /** Camera tiles: the path it plays (optional, an addition within version 1). */
  path?: CameraPath;
  /** Camera tiles on the gateway's HLS fallback: why (optional, an addition within version 1). */
  fallback?: CameraFallback;
}

/**
 * What the window's shell watchdog did to it (src/core/kiosk/watchdog-history.ts): how many times its
 * page was replaced after a failure, and the last failure. A page cannot see its own crash; its
 * shell tells the next page, which reports it.
 */
export interface WatchdogHistory {
  recoveries: number;
  last: { trouble: string; detail: string; at: number } | null;
}

/**
 * What a window gives up when its frames run over budget, in this order (src/renderer/load-shedder.ts,
 * docs/reliability.md "Starvation"): camera texture refresh rate, chart redraw rate, animation.
 */
export const SHED_STEPS = ['camera-uploads', 'chart-redraws', 'animation'] as const;
export type ShedStep = (typeof SHED_STEPS)[number];

/** A window's load shedding now: how many steps it gave up, which, and the median frame time. */
export interface LoadReport {
  level: number;
  shed: ShedStep[];
  frameMs: number;
}

export interface HealthReport {
  at: number;
  layout: string | null;
  fps: number;
  /**
   * Frames the window rendered per second over the last second: a window renders only frames in
   * which something changed (src/renderer/render-requests.ts), so an idle layout reports about 0
   * while `fps` (animation frames) stays at the display's rate. Optional, an addition within version 1.
   */
  changedFps?: number;
  /** JavaScript heap of the page, where the browser tells it (Chromium's performance.memory). */
  memory?: { usedMB: number; limitMB?: number };
  streams: StreamHealth[];
  /**
   * Screens of this window's node its shell found dark (display check: missing at start-up or
   * unplugged since), usually screens no window shows. Optional (an addition within version 1);
   * the hub counts them dead until a report leaves them out, unless a live window shows them.
   */
  deadScreens?: string[];
  /** The shell watchdog's recoveries of this window (optional, an addition within version 1). */
  watchdog?: WatchdogHistory;
  /** The window's load shedding (optional, an addition within version 1): level 0 sheds nothing. */
  load?: LoadReport;
}

/**
 * The screens the hub counts as dead: shown only by windows gone for more than its grace period,
 * or reported dark in a health report of their node's windows (src/hub/dead-screens.ts). Walls
 * re-plan their layout around them (degraded mode, src/core/wall/degraded.ts). The complete set
 * each time; empty when all are alive.
 */
export interface DegradedState {
  at: number;
  deadScreens: string[];
}
