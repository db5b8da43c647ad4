/**
 * What the hub knows of one camera pull (GET /api/cameras, /metrics, the console), derived from
 * ffmpeg's stderr and the fragment flow. Pure: the pull feeds it events and the time.
 */

import { CAMERA_STATES, type CameraInfo, type CameraState } from '../../core/protocol/cameras.js';

export { CAMERA_STATES, type CameraState };

/** No fragment this long while live: `stalled`. */
export const STALL_MS = 5000;

/** A pull's state as the wire says it (core/protocol/cameras.ts CameraInfo), less what the gateway adds (id, title, viewers). */
export type CameraStatus = Omit<CameraInfo, 'id' | 'title' | 'viewers'>;

/** The failure an ffmpeg stderr line reports, if any. */
export function failureOf(line: string): { state: 'unauthorized' | 'unreachable'; error: string } | null {
  if (/401 Unauthorized|authorization failed/i.test(line)) return { state: 'unauthorized', error: 'the camera refused the credentials (RTSP 401)' };
  if (/Connection refused/i.test(line)) return { state: 'unreachable', error: 'connection refused' };
  if (/timed out|Operation not permitted|No route to host|Network is unreachable/i.test(line)) return { state: 'unreachable', error: 'no answer (timeout)' };
  if (/404 Not Found|Stream not found/i.test(line)) return { state: 'unreachable', error: 'the camera has no such stream (RTSP 404)' };
  if (/Name or service not known|Temporary failure in name resolution/i.test(line)) return { state: 'unreachable', error: 'unknown host name' };
  return null;
}

/** The input video stream ffmpeg reports: codec name and frame rate (`Stream #0:0: Video: hevc (Main), …, 25 fps`). */
export function inputStreamOf(line: string): { codec: string; fps: number | null; width: number | null; height: number | null } | null {
  const m = /Stream #0:\d+.*?: Video: (\w+)/.exec(line);
  if (!m) return null;
  const fps = /([\d.]+) fps/.exec(line);
  const size = /, (\d{2,5})x(\d{2,5})/.exec(line);
  return { codec: m[1]!, fps: fps ? Number(fps[1]) : null, width: size ? Number(size[1]) : null, height: size ? Number(size[2]) : null };
}

export class CameraStateMachine {
  private current: CameraStatus;
  private lastFragmentAt = 0;

  public constructor(private readonly now: () => number) {
    this.current = { state: 'idle', codec: null, width: null, height: null, fps: null, transcoding: false, since: now(), error: null };
  }

  public get status(): CameraStatus {
    return this.current;
  }

  /** An ffmpeg pull starts. */
  public connecting(): void {
    this.set('connecting', null);
  }

  /** A fragment arrived: the camera is live (with what the init segment and stderr said). */
  public fragment(info: Partial<Pick<CameraStatus, 'codec' | 'width' | 'height' | 'fps' | 'transcoding'>>): void {
    this.lastFragmentAt = this.now();
    this.current = { ...this.current, ...info };
    if (this.current.state !== 'live') this.set('live', null);
  }

  /** Called on a timer: live with no fragment for STALL_MS turns stalled. */
  public tick(): void {
    if (this.current.state === 'live' && this.now() - this.lastFragmentAt >= STALL_MS) this.set('stalled', `no video for ${STALL_MS / 1000} s`);
  }

  /** The pull failed (ffmpeg ended); `failure` is what its stderr said, if it said. */
  public failed(failure: { state: 'unauthorized' | 'unreachable'; error: string } | null): void {
    this.set(failure?.state ?? 'unreachable', failure?.error ?? 'the stream ended');
  }

  /** Refused before pulling (credentials missing or refused). */
  public refused(error: string): void {
    this.set('unauthorized', error);
  }

  public idle(): void {
    this.set('idle', null);
  }

  private set(state: CameraState, error: string | null): void {
    if (this.current.state === state && this.current.error === error) return;
    this.current = { ...this.current, state, error, since: this.now() };
  }
}
