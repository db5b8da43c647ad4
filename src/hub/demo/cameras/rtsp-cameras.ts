/**
 * Real RTSP test cameras for tests, the demo and benches: rtsp-camera-server.py beside this module
 * (GStreamer's RTSP server through /usr/bin/python3 with python3-gi; Debian packages
 * gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{good,bad,ugly}, installed by .ci/run) on a free
 * loopback port. Mounts `/h264` and `/h265` (or named mounts of either codec, the demo's), 320×180
 * at 25 fps, moving, each frame carrying the source's wall-clock time as a pixel time code
 * (test/support/pixel-clock.ts decodes it).
 *
 * `stop()` kills the server (the cameras become unreachable), `restart()` starts it again on the
 * same port, so URLs handed out before stay valid. `destroy()` kills it for good.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The script ships in src/ (tsc does not copy it into dist/): this module is four folders below the
 * package root both as source (src/hub/demo/cameras/) and compiled (dist/hub/demo/cameras/).
 */
export const RTSP_SERVER_SCRIPT = path.join(fileURLToPath(new URL('../../../../', import.meta.url)), 'src', 'hub', 'demo', 'cameras', 'rtsp-camera-server.py');

/** The interpreter with python3-gi: Debian's, not whatever python3 comes first on PATH. */
export const SYSTEM_PYTHON = process.env['WALLRUN_CAMERA_PYTHON'] ?? '/usr/bin/python3';

export type CameraCodec = 'h264' | 'h265';
/** A mount's path (no slash): `h264`, `h265`, or a name given in `mounts`. */
export type CameraMount = string;

export interface RtspCameraOptions {
  /** Serve `/h264` (default true). */
  h264?: boolean;
  /** Serve `/h265` (default true). */
  h265?: boolean;
  /** Named mounts instead of `/h264` and `/h265` (the demo's cameras): each its own picture. */
  mounts?: { name: string; codec: CameraCodec }[];
  /** RTSP basic auth on every mount (for the wrong-password case). */
  auth?: { username: string; password: string };
  /** A fixed port instead of a free one. */
  port?: number;
  /** The interpreter (default SYSTEM_PYTHON): a test names a missing one to see the demo's fallback. */
  python?: string;
  /** The server script, when this module does not run from test/support (a bundle). */
  serverScript?: string;
  /** How long to wait for the server's ready line (default 15 s). */
  startTimeoutMs?: number;
}

export interface RtspCameras {
  readonly port: number;
  /** `rtsp://127.0.0.1:<port>/<mount>`, without credentials. */
  url(mount: CameraMount): string;
  /** `rtsp://user:password@127.0.0.1:<port>/<mount>` (given credentials, e.g. a wrong password). */
  urlWithCredentials(mount: CameraMount, username: string, password: string): string;
  /** Kills the server: the cameras become unreachable (resolves once it has exited). */
  stop(): Promise<void>;
  /** Starts the server again on the same port (no-op when running). */
  restart(): Promise<void>;
  /** Kills the server for good. */
  destroy(): Promise<void>;
  /** The server's stderr so far (for failure messages). */
  stderr(): string;
}

/** A loopback port that was free a moment ago (the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startRtspCameras(options: RtspCameraOptions = {}): Promise<RtspCameras> {
  const mounts = options.mounts?.map((m) => `${m.name}:${m.codec}`) ?? [options.h264 !== false ? 'h264' : null, options.h265 !== false ? 'h265' : null].filter(Boolean);
  if (mounts.length === 0) throw new Error('startRtspCameras: no mount asked for');
  const port = options.port ?? (await freePort());
  const script = options.serverScript ?? RTSP_SERVER_SCRIPT;
  const args = [script, '--port', String(port), '--mounts', mounts.join(','), '--exit-with-stdin'];
  if (options.auth) args.push('--user', options.auth.username, '--password', options.auth.password);
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  const python = options.python ?? SYSTEM_PYTHON;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let err = '';
  let destroyed = false;

  const launch = async (): Promise<void> => {
    // stdin stays open while this process lives: the server exits when it closes (we died).
    const proc = spawn(python, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child = proc;
    proc.stderr!.setEncoding('utf8').on('data', (c: string) => {
      err = (err + c).slice(-20_000);
    });
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    const spawnFailed = new Promise<never>((_, reject) => proc.once('error', reject));
    await Promise.race([
      spawnFailed,
      new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`RTSP test cameras did not start in ${timeoutMs} ms:\n${err}`)), timeoutMs);
        proc.stdout!.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          if (out.includes('READY ')) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`RTSP test cameras exited before they were ready (${python} ${script}):\n${err}`));
        });
      }),
    ]).catch(async (e: unknown) => {
      await kill();
      throw e;
    });
  };
  const kill = async (): Promise<void> => {
    const proc = child;
    if (!proc) return;
    child = null;
    if (proc.pid === undefined) return; // never started (no such interpreter): no exit event will come
    if (proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid, 'SIGKILL');
    await exited;
  };

  await launch();
  const base = `127.0.0.1:${port}`;
  return {
    port,
    url: (mount) => `rtsp://${base}/${mount}`,
    urlWithCredentials: (mount, u, p) => `rtsp://${encodeURIComponent(u)}:${encodeURIComponent(p)}@${base}/${mount}`,
    stop: kill,
    restart: async () => {
      if (destroyed) throw new Error('RTSP test cameras were destroyed');
      if (!child) await launch();
    },
    destroy: async () => {
      destroyed = true;
      await kill();
    },
    stderr: () => err,
  };
}
