/**
 * Which player feeds a camera source's <video>, and the switch between them. A plain HLS source
 * has one hls.js player for its life (rebuilt by recovery). A hub camera plays the gateway's
 * low-latency path (mse-player.ts) and falls back to the gateway's HLS, with the wall's token as
 * `Authorization: Bearer`, when that path cannot work here: socket refused, camera unknown or not
 * available on it (4404, 4503), codec unsupported, or MSE failing. It says so (`fallback`) and tries
 * the low-latency path again every `lowLatencyRetryMs`, as a probe that touches the element only
 * once the stream is known playable, so HLS keeps playing through a failed retry.
 *
 * A go2rtc source (`props.source: ws(s)://…/api/ws?src=…`) plays the same MSE player with go2rtc's
 * framing and has no fallback: its failures are outages, retried by the watchdog's recovery ladder.
 *
 * Once the low-latency path has shown frames, a closed or refused socket is an outage, not a reason
 * to fall back: the gateway's HLS comes from the same camera. The watchdog then sees the freeze
 * (no new frame, buffered end still) and its recovery ladder reconnects the socket, with its backoff.
 */
import type { Size } from '../../core/wall/model.js';
import type { CameraConfig } from './camera-config.js';
import type { CameraEndpoint } from './camera-endpoint.js';
import type { FreezeWatchdog, RecoveryStep } from './freeze-watchdog.js';
import { HlsPlayer } from './hls-player.js';
import { go2rtcFraming, hubFraming } from './live-framing.js';
import { MsePlayer, type LiveFailure, type LiveFraming } from './mse-player.js';

/** What the path adds to a camera's debug state. */
export interface PathState {
  /** `mse`: the hub's low-latency WebSocket; `hls`: hls.js (plain source or the hub's fallback). */
  path: 'mse' | 'hls';
  /** Why a hub camera plays HLS instead of its low-latency path; null otherwise. */
  fallback: LiveFailure | null;
  /** The hub's codec for the low-latency stream (null before its first message, or on HLS). */
  codec: string | null;
  /** Seconds between the buffered live edge and the playhead on the low-latency path; null on HLS. */
  liveLagS: number | null;
  lastError: string | null;
  levelCap: number;
}

export interface PathHooks {
  now(): number;
  watchdog: FreezeWatchdog;
  /** The element is about to get a new media source: frames pending for the old one are void. */
  onMediaReset(): void;
  play(): void;
}

/**
 * Failures that say the low-latency path itself cannot work here (before it ever showed frames).
 * Not 4503 (`unavailable`): the gateway says so for a camera that is not live (connecting at the
 * hub's start, unreachable, a stream restarting), and its HLS comes from the same pull, so HLS
 * would not play either; the socket is retried instead.
 */
const FALL_BACK_ON: readonly LiveFailure[] = ['refused', 'unknown-camera', 'codec', 'media'];
/** Failures that no retry of the same path will fix: fall back even after frames were shown. */
const ALWAYS_FALL_BACK: readonly LiveFailure[] = ['codec', 'media'];

/**
 * What a failure of the low-latency path means: `fall-back` to HLS (the path cannot work here), or
 * an `outage` of the camera (retry the socket). `playedLive`: the path has shown frames already.
 */
export function liveFailureAction(reason: LiveFailure, playedLive: boolean): 'fall-back' | 'outage' {
  return ALWAYS_FALL_BACK.includes(reason) || (!playedLive && FALL_BACK_ON.includes(reason)) ? 'fall-back' : 'outage';
}

export class LivePath {
  private hls: HlsPlayer | null = null;
  private mse: MsePlayer | null = null;
  /** A low-latency retry running while HLS plays. */
  private probe: MsePlayer | null = null;
  private path: 'mse' | 'hls';
  private fallback: LiveFailure | null = null;
  private playedLive = false;
  private retryAt = Infinity;
  private lastError: string | null = null;
  private maxSize: Size = { width: 0, height: 0 };

  public constructor(
    private readonly video: HTMLVideoElement,
    private readonly endpoint: CameraEndpoint,
    private readonly config: CameraConfig,
    private readonly hooks: PathHooks,
  ) {
    this.path = endpoint.kind === 'hls' ? 'hls' : 'mse';
  }

  public start(): void {
    if (this.path === 'mse') this.startLive();
    else this.startHls();
  }

  public setMaxSize(size: Size): void {
    this.maxSize = size;
    this.hls?.setMaxSize(size);
  }

  /** A new frame was presented (the watchdog has it too). */
  public onFrame(): void {
    if (this.path === 'mse') this.playedLive = true;
  }

  /** Periodic: retries the low-latency path while on the HLS fallback. */
  public tick(now: number): void {
    if (this.endpoint.kind !== 'hub' || this.path !== 'hls' || this.probe || now < this.retryAt) return;
    this.retryAt = now + this.config.lowLatencyRetryMs;
    this.probe = this.newMse(true);
  }

  public recover(step: RecoveryStep): void {
    if (this.path === 'mse') {
      // A seek helps a stalled element; a closed socket needs a new one.
      if (step === 'seek-live-edge' && this.mse && !this.mse.ended) this.mse.seekToLiveEdge();
      else this.startLive();
    } else if (step === 'new-player' || !this.hls) this.startHls();
    else this.hls.recover(step);
    this.hooks.play();
  }

  public state(): PathState {
    const buffered = this.video.buffered;
    const edge = buffered.length > 0 ? buffered.end(buffered.length - 1) : null;
    return {
      path: this.path,
      fallback: this.fallback,
      codec: this.path === 'mse' ? (this.mse?.info?.codec ?? null) : null,
      liveLagS: this.path === 'mse' && edge !== null ? Math.round((edge - this.video.currentTime) * 1000) / 1000 : null,
      lastError: this.lastError,
      levelCap: this.hls?.levelCap ?? -1,
    };
  }

  public destroy(): void {
    this.probe?.destroy();
    this.probe = null;
    this.dropPlayers();
  }

  private startLive(): void {
    this.hooks.onMediaReset();
    this.dropPlayers();
    this.path = 'mse';
    this.mse = this.newMse(false);
  }

  private startHls(): void {
    this.hooks.onMediaReset();
    this.dropPlayers();
    const e = this.endpoint;
    const [url, bearer] = e.kind === 'hub' ? [e.hlsUrl, e.token] : [e.url, null];
    const watchdog = this.hooks.watchdog;
    this.hls = new HlsPlayer(this.video, url, this.config, bearer, {
      onManifest: () => this.hooks.play(),
      onPlaylist: (segment, targetMs) => watchdog.onPlaylist(this.hooks.now(), segment, targetMs),
      onError: (fatal, detail) => {
        this.lastError = detail;
        watchdog.onError(this.hooks.now(), fatal);
      },
    });
    this.hls.setMaxSize(this.maxSize);
  }

  private newMse(probe: boolean): MsePlayer {
    const e = this.endpoint;
    if (e.kind === 'hls') throw new Error('the low-latency path needs a hub or go2rtc camera');
    const [url, framing]: [string, LiveFraming] = e.kind === 'hub' ? [e.liveUrl, hubFraming(e.token)] : [e.url, go2rtcFraming((t) => MediaSource.isTypeSupported(t))];
    const { lowLatencyLagS: latencyS, lowLatencyBufferS: bufferS } = this.config;
    const player: MsePlayer = new MsePlayer(this.video, url, framing, { latencyS, bufferS }, {
      onAttach: () => {
        if (!probe) return;
        // The retry works: HLS gives the element up to it.
        this.probe = null;
        this.hooks.onMediaReset();
        this.dropPlayers();
        this.path = 'mse';
        this.fallback = null;
        this.mse = player;
      },
      onAppend: (end) => this.hooks.watchdog.onPlaylist(this.hooks.now(), Math.round(end * 1000), 0),
      onFailure: (reason, detail) => this.onLiveFailure(player, reason, detail),
    });
    return player.start();
  }

  private onLiveFailure(player: MsePlayer, reason: LiveFailure, detail: string): void {
    this.lastError = `mse ${reason}: ${detail}`;
    if (player === this.probe) {
      this.probe = null;
      player.destroy();
      return; // HLS plays on; the next retry is already scheduled
    }
    if (player !== this.mse) return;
    // go2rtc has no HLS of ours to fall back to: every failure is retried by the watchdog's ladder.
    if (this.endpoint.kind === 'hub' && liveFailureAction(reason, this.playedLive) === 'fall-back') {
      this.fallback = reason;
      this.path = 'hls';
      this.retryAt = this.hooks.now() + this.config.lowLatencyRetryMs;
      this.startHls();
      this.hooks.play();
      return;
    }
    // An outage. Not reported as a dead player: the buffered frames still play out (under a second),
    // and would count as live again right after a recovery step. The watchdog sees the frames and
    // the buffered end stop, freezes, and reconnects with its backoff; the last frame stays on screen.
    this.hooks.watchdog.onError(this.hooks.now(), false);
    // A stream that flowed and ended (the gateway restarting its pull closes its viewers with 4503)
    // gets one new socket at once; a socket that brought nothing waits for the watchdog's backoff.
    if (player.receivedMedia) this.startLive();
  }

  private dropPlayers(): void {
    this.hls?.destroy();
    this.hls = null;
    this.mse?.destroy();
    this.mse = null;
  }
}
