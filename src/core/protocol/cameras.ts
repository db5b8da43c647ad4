/** `GET /api/cameras` (docs/protocol.md "Cameras"): the camera gateway's view of each camera of the project. */
import type { Localized } from '../wall/model.js';

export const CAMERA_STATES = ['connecting', 'live', 'stalled', 'unauthorized', 'unreachable', 'idle'] as const;
export type CameraState = (typeof CAMERA_STATES)[number];

export interface CameraInfo {
  id: string;
  title: Localized;
  state: CameraState;
  /** MSE codec string of what viewers get, e.g. `avc1.42E01E`. */
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  /** The source is H.265, turned into H.264 by the hub. */
  transcoding: boolean;
  /** WebSocket viewers now. */
  viewers: number;
  /** When the state began (hub ms). */
  since: number;
  /** Why the camera is not live, in words (never holds a URL with credentials). */
  error: string | null;
}

export interface CamerasAnswer {
  hubTime: number;
  cameras: CameraInfo[];
}

/** Each state in the console's words. */
export const CAMERA_STATE_WORDS: Readonly<Record<CameraState, { vi: string; en: string }>> = {
  connecting: { vi: 'đang kết nối', en: 'connecting' },
  live: { vi: 'trực tiếp', en: 'live' },
  stalled: { vi: 'mất hình', en: 'stalled' },
  unauthorized: { vi: 'sai mật khẩu', en: 'unauthorized' },
  unreachable: { vi: 'không liên lạc được', en: 'unreachable' },
  idle: { vi: 'không kéo luồng', en: 'idle' },
};
