/**
 * One hls.js player on a camera source's detached <video>: a plain HLS URL (`props.source`), or the
 * hub gateway's HLS fallback for a project camera, whose requests carry the wall's token as
 * `Authorization: Bearer` (xhrSetup; never in the URL). The source owns the element and the
 * watchdog; this only reports playlist progress and errors, and takes the recovery steps.
 */
import Hls, { CapLevelController, ErrorTypes, Events, type ErrorData } from 'hls.js';
import type { Size } from '../../core/wall/model.js';
import { hlsConfig, liveMaxLatencyDurationCount, type CameraConfig } from './camera-config.js';
import type { RecoveryStep } from './freeze-watchdog.js';

export interface HlsPlayerEvents {
  onManifest(): void;
  /** The live playlist's last segment number and target duration (ms). */
  onPlaylist(lastSegment: number, targetDurationMs: number): void;
  onError(fatal: boolean, detail: string): void;
}

export class HlsPlayer {
  /** hls.js auto-level cap from the tile size (-1: none). */
  public levelCap = -1;
  private readonly hls: Hls;
  private lastFatal: ErrorData['type'] | null = null;
  private maxSize: Size = { width: 0, height: 0 };

  public constructor(
    private readonly video: HTMLVideoElement,
    url: string,
    config: CameraConfig,
    bearer: string | null,
    private readonly events: HlsPlayerEvents,
  ) {
    const settings = hlsConfig(config);
    if (bearer !== null) settings.xhrSetup = (xhr) => xhr.setRequestHeader('Authorization', `Bearer ${bearer}`);
    this.hls = new Hls(settings);
    // Read live by hls.js's latency controller; set here because its config check refuses it
    // without liveSyncDurationCount, which hlsConfig leaves out for LL-HLS (camera-config.ts).
    this.hls.config.liveMaxLatencyDurationCount = liveMaxLatencyDurationCount(config);
    this.hls.on(Events.MANIFEST_PARSED, this.onManifestParsed);
    this.hls.on(Events.LEVEL_LOADED, this.onLevelLoaded);
    this.hls.on(Events.ERROR, this.onError);
    this.hls.attachMedia(video);
    this.hls.loadSource(url);
  }

  public setMaxSize(size: Size): void {
    this.maxSize = size;
    this.applyLevelCap();
  }

  /** `seek-live-edge` or `reload-source`; the source builds a new player for `new-player`. */
  public recover(step: Exclude<RecoveryStep, 'new-player'>): void {
    const hls = this.hls;
    if (step === 'reload-source') {
      if (this.lastFatal === ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
      else {
        hls.stopLoad();
        hls.startLoad(-1); // -1: from the live edge
      }
      return;
    }
    const edge = hls.liveSyncPosition;
    if (edge !== null && Number.isFinite(edge)) this.video.currentTime = edge;
  }

  public destroy(): void {
    this.hls.off(Events.MANIFEST_PARSED, this.onManifestParsed);
    this.hls.off(Events.LEVEL_LOADED, this.onLevelLoaded);
    this.hls.off(Events.ERROR, this.onError);
    this.hls.destroy(); // detaches media: removes the MediaSource's src and calls load()
  }

  private readonly onManifestParsed = (): void => {
    this.applyLevelCap();
    this.events.onManifest();
  };

  private readonly onLevelLoaded = (_e: Events.LEVEL_LOADED, data: { details: { endSN: number; targetduration: number; live: boolean } }): void => {
    const { details } = data;
    if (details.live) this.events.onPlaylist(details.endSN, details.targetduration * 1000);
  };

  private readonly onError = (_e: Events.ERROR, data: ErrorData): void => {
    if (data.fatal) this.lastFatal = data.type;
    this.events.onError(data.fatal, `${data.fatal ? 'fatal ' : ''}${data.type}/${data.details}`);
  };

  /** Caps the auto level to the variant just above the largest tile showing this camera. */
  private applyLevelCap(): void {
    const hls = this.hls;
    if (hls.levels.length === 0 || this.maxSize.width === 0) return;
    const { width, height } = this.maxSize;
    this.levelCap = CapLevelController.getMaxLevelByMediaSize(hls.levels, width, height);
    hls.autoLevelCapping = this.levelCap;
  }
}
