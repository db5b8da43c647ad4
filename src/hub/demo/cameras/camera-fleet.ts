// Simulated cameras cam-01..cam-NN plus one HLS server over their folder, for tests and the demo.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startCamera, type CameraHandle, type CameraOptions } from './camera-sim.js';
import { startHlsServer, type HlsServer } from './hls-server.js';

/** Options of {@link startCameraFleet}; the camera options apply to every camera. */
export interface CameraFleetOptions extends Omit<CameraOptions, 'id' | 'dir' | 'label'> {
  count: number;
  /** Folder for the cameras' files; a temporary one, removed by destroy(), when absent. */
  dir?: string;
  port?: number;
  host?: string;
  /** Pause between two ffmpeg starts, so that they don't all start at once on a 2-core machine. */
  staggerMs?: number;
}

/** Running cameras and their server. */
export interface CameraFleet {
  /** Ends with `/`: `new URL('cam-01/index.m3u8', baseUrl)` is camera 1's playlist. */
  readonly baseUrl: string;
  readonly dir: string;
  readonly server: HlsServer;
  /** In order: cameras[0] is cam-01. */
  readonly cameras: readonly CameraHandle[];
  /** Resolves when every camera's playlist has at least 2 segments. */
  readonly ready: Promise<void>;
  /** The playlist URL of a camera id. */
  playlistUrl(id: string): string;
  /** Stops the cameras and the server; removes the folder when the fleet created it. Safe to call twice. */
  destroy(): Promise<void>;
}

/** `cam-01` for 1; two digits at least. */
export function cameraId(n: number): string {
  return `cam-${String(n).padStart(2, '0')}`;
}

export async function startCameraFleet(options: CameraFleetOptions): Promise<CameraFleet> {
  const { count, dir, port, host, staggerMs = 150, ...cameraOptions } = options;
  if (!Number.isInteger(count) || count < 1 || count > 99) throw new Error(`camera count ${count}: use 1 to 99`);
  const ownDir = dir === undefined;
  const root = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'wallrun-cams-')));
  await mkdir(root, { recursive: true });

  const cameras: CameraHandle[] = [];
  let server: HlsServer | undefined;
  const destroy = async (): Promise<void> => {
    await Promise.all(cameras.map((c) => c.destroy()));
    await server?.destroy();
    if (ownDir) await rm(root, { recursive: true, force: true });
  };

  try {
    server = await startHlsServer({ root, port, host });
    for (let n = 1; n <= count; n++) {
      if (n > 1 && staggerMs > 0) await delay(staggerMs);
      cameras.push(await startCamera({ ...cameraOptions, id: cameraId(n), dir: root }));
    }
  } catch (err) {
    await destroy();
    throw err;
  }

  const baseUrl = server.url;
  const ready = Promise.all(cameras.map((c) => c.ready)).then(() => undefined);
  ready.catch(() => undefined); // rejects for whoever awaits it; unawaited, it must not crash the process
  return {
    baseUrl,
    dir: root,
    server,
    cameras,
    ready,
    playlistUrl: (id) => new URL(`${id}/index.m3u8`, baseUrl).href,
    destroy,
  };
}
