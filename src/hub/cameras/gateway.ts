/**
 * The hub's camera gateway: one CameraPull per camera (and one per sub-stream), all pulled from the
 * hub's start whether watched or not (docs/cameras.md, "Pulled always"), the credentials resolved
 * from `<data>/camera-credentials.json`, and the answers of GET /api/cameras and /metrics.
 */
import type { Camera, Localized } from '../../core/wall/model.js';
import type { CameraStatus } from './camera-state.js';
import { CameraPull } from './camera-pull.js';
import { readCameraCredentials, type CameraCredential } from './credentials.js';

export interface CameraEntry extends CameraStatus {
  id: string;
  title: Localized;
  viewers: number;
}

export interface GatewayOptions {
  cameras: readonly Camera[];
  dataDir: string;
  now: () => number;
  log: (message: string) => void;
  ffmpeg?: string;
  timeoutMs?: number;
}

interface Feed {
  camera: Camera;
  main: CameraPull | null;
  sub: CameraPull | null;
  /** Set when the pull cannot even start (credential missing or its file refused). */
  refused: string | null;
  /** When the gateway was made (the refused state's `since`). */
  since: number;
}

export class CameraGateway {
  private readonly feeds = new Map<string, Feed>();

  public constructor(private readonly o: GatewayOptions) {
    const read = readCameraCredentials(o.dataDir);
    if (!read.ok) o.log(`cameras: ${read.error}`);
    for (const camera of o.cameras) {
      let credential: CameraCredential | undefined;
      let refused: string | null = null;
      if (camera.credential !== undefined) {
        if (!read.ok) refused = `camera-credentials.json refused: ${read.error.replace(/^.*?: /, '')}`;
        else if (!read.credentials.has(camera.credential)) refused = `credential "${camera.credential}" is not in camera-credentials.json`;
        else credential = read.credentials.get(camera.credential);
      }
      const pull = (url: string, name: string): CameraPull | null =>
        refused
          ? null
          : new CameraPull({
              name,
              url,
              transcode: camera.transcode,
              now: o.now,
              log: o.log,
              ...(credential ? { credential } : {}),
              ...(o.ffmpeg ? { ffmpeg: o.ffmpeg } : {}),
              ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
            });
      if (refused) o.log(`camera ${camera.id}: ${refused}`);
      this.feeds.set(camera.id, {
        camera,
        main: pull(camera.url, camera.id),
        sub: camera.subUrl ? pull(camera.subUrl, `${camera.id}~sub`) : null,
        refused,
        since: o.now(),
      });
    }
  }

  /** Starts every pull (pulled always: see the module comment). */
  public start(): void {
    for (const f of this.feeds.values()) {
      f.main?.start();
      f.sub?.start();
    }
  }

  public has(id: string): boolean {
    return this.feeds.has(id);
  }

  /** The pull a viewer of `id` uses (the sub-stream when asked and the camera has one); null when refused. */
  public pull(id: string, sub: boolean): CameraPull | null {
    const f = this.feeds.get(id);
    if (!f) return null;
    return (sub ? f.sub : null) ?? f.main;
  }

  /** The state of a camera whose pull is refused, or of its main pull. */
  public status(id: string): CameraStatus | null {
    const f = this.feeds.get(id);
    if (!f) return null;
    return f.main?.status ?? refusedStatus(f.refused ?? 'not pulled', f.since);
  }

  /** Every camera of the project, in file order (GET /api/cameras). */
  public list(): CameraEntry[] {
    return [...this.feeds.values()].map((f) => ({
      id: f.camera.id,
      title: f.camera.title,
      ...(f.main?.status ?? refusedStatus(f.refused ?? 'not pulled', f.since)),
      viewers: (f.main?.viewerCount ?? 0) + (f.sub?.viewerCount ?? 0),
    }));
  }

  /** Reconnects (ffmpeg restarts after a failure) per camera, for /metrics. */
  public reconnects(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, f] of this.feeds) out[id] = (f.main?.reconnects ?? 0) + (f.sub?.reconnects ?? 0);
    return out;
  }

  /** ffmpeg processes started per camera (one pull per camera: tests check it stays 1). */
  public spawns(id: string): number {
    const f = this.feeds.get(id);
    return (f?.main?.spawns ?? 0) + (f?.sub?.spawns ?? 0);
  }

  public destroy(): void {
    for (const f of this.feeds.values()) {
      f.main?.stop();
      f.sub?.stop();
    }
  }
}

function refusedStatus(error: string, since: number): CameraStatus {
  return { state: 'unauthorized', codec: null, width: null, height: null, fps: null, transcoding: false, since, error };
}
