/**
 * The `camera` config slice: every hls.js and watchdog setting the wall uses, in one object with
 * documented defaults (docs/cameras.md has one heading per key and the reasons). Pure data, no DOM,
 * so the watchdog and pool tests import it freely (hls.js is imported for its types only).
 */
import type { HlsConfig, LoaderConfig } from 'hls.js';

/** Backoff between recovery attempts: initialMs × factor^n, capped at maxMs, ± jitter (a fraction). */
export interface BackoffConfig {
  initialMs: number;
  factor: number;
  maxMs: number;
  jitter: number;
}

export interface CameraConfig {
  /** No new decoded frame for this long = frozen ("no signal"). Used by the freeze watchdog. */
  freezeAfterMs: number;
  /**
   * A live playlist whose last segment number has not grown for this long = frozen, even while
   * buffered frames still play. 0 = automatic: max(freezeAfterMs, 3 × the playlist's target duration).
   */
  playlistStallMs: number;
  /** Delays between recovery steps (seek to live edge → reload → new player). */
  backoff: BackoffConfig;
  /** Frames must flow this long before the recovery ladder starts again from its first step. */
  resetAfterLiveMs: number;
  /** The widget's `ready` resolves after this long without a frame (its placeholder is showing). */
  readyTimeoutMs: number;
  /**
   * `ready` also resolves as soon as a camera without a frame is known down (its placeholder says
   * "no signal yet" for good): a frozen wall's still frame (reference images), which need not wait
   * readyTimeoutMs nor race it. Off on a live wall, where a camera still connecting may yet play.
   */
  readyWhenDown: boolean;
  /** Simultaneous decodes in one window; null = the window node's `decoderBudget` from wall.yaml. */
  decoderBudget: number | null;
  /** hls.js: LL-HLS parts and blocking playlist reloads when the server offers them. */
  lowLatencyMode: boolean;
  /** hls.js: seconds of forward buffer. Small: a wall shows the live edge, not a smooth replay. */
  maxBufferLength: number;
  /** hls.js: seconds of played media kept; small so memory stays flat over days of running. */
  backBufferLength: number;
  /** hls.js: forward buffer cap in bytes, whatever the bitrate. */
  maxBufferSize: number;
  /** hls.js: play this many target durations behind the live edge. */
  liveSyncDurationCount: number;
  /** Segment loads: time to first byte and to completion before a retry (queueing time included). */
  fragTimeoutMs: number;
  /** Playlist (re)loads: same, shorter, since a playlist is small. */
  playlistTimeoutMs: number;
  /** Retries hls.js makes itself before it reports a fatal error to the watchdog. */
  loadRetries: number;
  /**
   * Camera frames copied to the GPU per rendered frame, in the window, round-robin over the cameras
   * with a new frame (UploadScheduler); 0 = no cap. A lever for an underpowered wall PC: it bounds
   * what video costs each frame, at the price of video frame rate (docs/cameras.md, "Upload cost").
   */
  maxUploadsPerFrame: number;
  /** Low-latency path: largest lag behind the live edge (s) before the playhead catches up. */
  lowLatencyLagS: number;
  /** Low-latency path: media kept behind the playhead (s); older is removed from the SourceBuffer. */
  lowLatencyBufferS: number;
  /** On the HLS fallback, the low-latency path is tried again this often (ms). */
  lowLatencyRetryMs: number;
  /**
   * A project camera's tile whose longer side is at most this (wall px) plays the camera's
   * sub-stream (`subUrl`, `?sub=1` on the low-latency path; the main stream where it has none);
   * 0 = always the main stream.
   */
  subStreamMaxPx: number;
  /**
   * How a camera's frames reach the screen: `texture` (copied into the scene's WebGL texture),
   * `element` (the video element itself, composited by the browser under the transparent canvas,
   * in the page layer), or `auto`: `element` where the shell says compositing is software (the
   * canvas read back every frame costs more than the browser's own video path), else `texture`.
   */
  videoPath: 'auto' | 'texture' | 'element';
}

export const CAMERA_DEFAULTS: Readonly<CameraConfig> = Object.freeze({
  freezeAfterMs: 5000,
  playlistStallMs: 0,
  backoff: Object.freeze({ initialMs: 1000, factor: 2, maxMs: 30_000, jitter: 0.2 }),
  resetAfterLiveMs: 10_000,
  readyTimeoutMs: 3000,
  readyWhenDown: false,
  decoderBudget: null,
  lowLatencyMode: true,
  maxBufferLength: 4,
  backBufferLength: 4,
  maxBufferSize: 8 * 1024 * 1024,
  liveSyncDurationCount: 3,
  fragTimeoutMs: 6000,
  playlistTimeoutMs: 4000,
  loadRetries: 3,
  maxUploadsPerFrame: 0,
  lowLatencyLagS: 0.5,
  lowLatencyBufferS: 3,
  lowLatencyRetryMs: 180_000,
  subStreamMaxPx: 960,
  videoPath: 'auto',
});

/** Defaults overridden by `partial`; rejects values that cannot work, naming the key. */
export function cameraConfig(partial: Partial<CameraConfig> = {}): CameraConfig {
  const c: CameraConfig = {
    ...CAMERA_DEFAULTS,
    ...partial,
    backoff: { ...CAMERA_DEFAULTS.backoff, ...partial.backoff },
  };
  const positive: (keyof CameraConfig)[] = ['freezeAfterMs', 'readyTimeoutMs', 'fragTimeoutMs', 'playlistTimeoutMs', 'lowLatencyLagS', 'lowLatencyBufferS', 'lowLatencyRetryMs'];
  for (const k of positive) {
    if (!((c[k] as number) > 0)) throw new Error(`camera.${k} must be > 0`);
  }
  if (c.backoff.initialMs <= 0 || c.backoff.maxMs < c.backoff.initialMs) {
    throw new Error('camera.backoff.maxMs must be ≥ camera.backoff.initialMs > 0');
  }
  if (c.backoff.factor < 1) throw new Error('camera.backoff.factor must be ≥ 1');
  if (c.backoff.jitter < 0 || c.backoff.jitter >= 1) throw new Error('camera.backoff.jitter must be in [0, 1)');
  if (c.decoderBudget !== null && !(Number.isInteger(c.decoderBudget) && c.decoderBudget >= 0)) {
    throw new Error('camera.decoderBudget must be a whole number ≥ 0 or null');
  }
  if (!(Number.isInteger(c.maxUploadsPerFrame) && c.maxUploadsPerFrame >= 0)) {
    throw new Error('camera.maxUploadsPerFrame must be a whole number ≥ 0 (0: no cap)');
  }
  if (!(Number.isInteger(c.subStreamMaxPx) && c.subStreamMaxPx >= 0)) {
    throw new Error('camera.subStreamMaxPx must be a whole number ≥ 0 (0: always the main stream)');
  }
  if (!['auto', 'texture', 'element'].includes(c.videoPath)) {
    throw new Error("camera.videoPath must be 'auto', 'texture' or 'element'");
  }
  if (c.playlistStallMs !== 0 && c.playlistStallMs < c.freezeAfterMs) {
    throw new Error('camera.playlistStallMs must be 0 (automatic) or ≥ camera.freezeAfterMs');
  }
  return c;
}

/**
 * The video path camera tiles take in a window: `camera.videoPath` as set, or for `auto` the
 * element path wherever the picture is made in software: the shell found software compositing
 * (page config `compositing`: every WebGL frame is read back for the compositor), or WebGL itself
 * is software (`softwareGl`: SwiftShader rasters each uploaded video frame and redraws the window
 * for it, while the browser composites its own video layer for less). Textures where a GPU does
 * both (uploads are GPU-to-GPU copies there). Measured: docs/bench.md "Render backend".
 */
export function resolveVideoPath(videoPath: CameraConfig['videoPath'], compositing: 'gpu' | 'software' | undefined, softwareGl: () => boolean): 'texture' | 'element' {
  if (videoPath !== 'auto') return videoPath;
  return compositing === 'software' || softwareGl() ? 'element' : 'texture';
}

/** hls.js's default liveSyncDurationCount (hls.js is imported for its types only here). */
const HLS_JS_SYNC_COUNT = 3;

/** Further behind the live edge than this many target durations, hls.js jumps to it. */
export function liveMaxLatencyDurationCount(c: CameraConfig): number {
  return c.liveSyncDurationCount + 4;
}

/** hls.js settings from the camera slice; docs/cameras.md gives the reasons for each. */
export function hlsConfig(c: CameraConfig): Partial<HlsConfig> {
  const policy = (timeoutMs: number): { default: LoaderConfig } => ({
    default: {
      maxTimeToFirstByteMs: timeoutMs,
      maxLoadTimeMs: timeoutMs * 2,
      timeoutRetry: { maxNumRetry: c.loadRetries, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: c.loadRetries, retryDelayMs: 500, maxRetryDelayMs: 4000 },
    },
  });
  return {
    lowLatencyMode: c.lowLatencyMode,
    maxBufferLength: c.maxBufferLength,
    maxMaxBufferLength: c.maxBufferLength,
    backBufferLength: c.backBufferLength,
    maxBufferSize: c.maxBufferSize,
    // hls.js lets a configured liveSyncDurationCount override an LL-HLS server's PART-HOLD-BACK
    // (LatencyController.targetLatency reads userConfig), which kept LL-HLS 3 s behind like plain HLS.
    // At hls.js's own default it is left out: plain HLS plays 3 segments back all the same, and an
    // LL-HLS playlist's hold-back decides. A site's other value applies to both.
    // hls.js refuses liveMaxLatencyDurationCount without it: HlsPlayer sets that one after construction.
    ...(c.lowLatencyMode && c.liveSyncDurationCount === HLS_JS_SYNC_COUNT
      ? {}
      : { liveSyncDurationCount: c.liveSyncDurationCount, liveMaxLatencyDurationCount: liveMaxLatencyDurationCount(c) }),
    maxLiveSyncPlaybackRate: 1.25,
    // The element is detached (0×0), so hls.js's own capping would pick the smallest variant.
    capLevelToPlayerSize: false,
    enableWorker: true,
    progressive: false,
    fragLoadPolicy: policy(c.fragTimeoutMs),
    playlistLoadPolicy: policy(c.playlistTimeoutMs),
    manifestLoadPolicy: policy(c.playlistTimeoutMs),
  };
}
