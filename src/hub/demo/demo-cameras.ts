/**
 * The demo's cameras, served here and pulled by the hub's gateway like a site's. The shipped
 * cameras.yaml names `rtsp://127.0.0.1:8554/<mount>` (DEMO_CAMERA_ORIGIN): those are the demo's. It
 * serves each such mount with the GStreamer RTSP test cameras (cameras/rtsp-cameras.ts; a mount
 * whose name holds `h265` is H.265, the others H.264), on 8554, or on a free port when 8554 is
 * taken (the demo's cameras are then pointed there). Without GStreamer it says so and serves the
 * same cameras as ffmpeg HLS streams instead (cameras/camera-fleet.ts), which the gateway pulls
 * just the same, seconds behind. Cameras at other URLs are left alone.
 */
import type { Camera } from '../../core/wall/model.js';

/** Where the shipped project's demo cameras are (cameras.yaml). */
export const DEMO_CAMERA_ORIGIN = 'rtsp://127.0.0.1:8554';
const DEMO_CAMERA_PORT = 8554;

export interface DemoCameras {
  /** The project's cameras, the demo's pointed at what serves them now. */
  cameras: Camera[];
  /** `rtsp` (GStreamer), `hls` (the ffmpeg fallback), or null: none served. */
  served: 'rtsp' | 'hls' | null;
  destroy(): Promise<void>;
}

/** The mount a demo camera names; null for a camera that is not the demo's. */
export function demoMountOf(camera: Camera): string | null {
  const prefix = `${DEMO_CAMERA_ORIGIN}/`;
  if (!camera.url.startsWith(prefix)) return null;
  const mount = camera.url.slice(prefix.length);
  return /^[A-Za-z0-9_-]+$/.test(mount) ? mount : null;
}

export interface DemoCameraOptions {
  /** Port of the HLS fallback's server (default: a free one). */
  hlsPort?: number;
  /** The Python with GStreamer (default /usr/bin/python3); a test names a missing one. */
  python?: string;
}

export async function startDemoCameras(cameras: readonly Camera[], log: (m: string) => void, o: DemoCameraOptions = {}): Promise<DemoCameras> {
  const mounts = cameras.map(demoMountOf).filter((m): m is string => m !== null);
  const none: DemoCameras = { cameras: [...cameras], served: null, destroy: async () => undefined };
  if (mounts.length === 0) return none;
  const { startRtspCameras, freePort } = await import('./cameras/rtsp-cameras.js');
  const spec = { ...(o.python ? { python: o.python } : {}), mounts: mounts.map((name) => ({ name, codec: /h265/i.test(name) ? ('h265' as const) : ('h264' as const) })) };
  let why: string;
  try {
    let server;
    try {
      server = await startRtspCameras({ ...spec, port: DEMO_CAMERA_PORT });
    } catch (e) {
      if (!/cannot listen/.test((e as Error).message)) throw e;
      server = await startRtspCameras({ ...spec, port: await freePort() });
      log(`demo cameras: port ${DEMO_CAMERA_PORT} is taken; the demo's RTSP cameras are on ${server.port} instead`);
    }
    const moved = server.port !== DEMO_CAMERA_PORT;
    log(
      `demo cameras: ${mounts.length} RTSP test camera(s) (GStreamer) at rtsp://127.0.0.1:${server.port}/ (${mounts.join(', ')}), pulled by the hub's camera gateway` +
        ` / camera mô phỏng: ${mounts.length} camera RTSP (GStreamer), qua cổng camera của hub`,
    );
    const cameraList = moved ? cameras.map((c) => (demoMountOf(c) ? { ...c, url: server.url(demoMountOf(c)!) } : c)) : [...cameras];
    return { cameras: cameraList, served: 'rtsp', destroy: () => server.destroy() };
  } catch (e) {
    why = (e as Error).message.split('\n').filter(Boolean).slice(-1)[0] ?? String(e);
  }
  log(
    `demo cameras: GStreamer's RTSP server cannot start (${why}); install python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly.` +
      ` Falling back to ffmpeg HLS cameras, pulled by the gateway (seconds behind)` +
      ` / Không chạy được máy chủ RTSP GStreamer: dùng camera HLS mô phỏng bằng ffmpeg thay thế (trễ vài giây)`,
  );
  return startHlsFallback(cameras, log, o.hlsPort);
}

/** The demo's cameras as ffmpeg HLS streams (cam-01 … of the fleet, in the order of the file). */
async function startHlsFallback(cameras: readonly Camera[], log: (m: string) => void, port?: number): Promise<DemoCameras> {
  const demo = cameras.filter((c) => demoMountOf(c) !== null);
  try {
    const { startCameraFleet, cameraId } = await import('./cameras/camera-fleet.js');
    const fleet = await startCameraFleet({ count: demo.length, ...(port !== undefined ? { port } : {}) });
    const urlOf = new Map(demo.map((c, i) => [c.id, fleet.playlistUrl(cameraId(i + 1))]));
    log(`demo cameras: ${demo.length} ffmpeg HLS camera(s) at ${fleet.baseUrl} / camera HLS mô phỏng: ${demo.length}`);
    return { cameras: cameras.map((c) => (urlOf.has(c.id) ? { ...c, url: urlOf.get(c.id)! } : c)), served: 'hls', destroy: () => fleet.destroy() };
  } catch (e) {
    log(
      `demo cameras off: ${(e as Error).message.split('\n')[0]}. The hub runs on; its cameras show "unreachable"` +
        ` / Không có camera mô phỏng: ô camera hiện "mất tín hiệu"`,
    );
    return { cameras: [...cameras], served: null, destroy: async () => undefined };
  }
}
