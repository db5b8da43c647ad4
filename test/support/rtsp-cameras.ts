/**
 * Real RTSP test cameras for tests, the demo and benches: test/support/rtsp-camera-server.py
 * (GStreamer's RTSP server through /usr/bin/python3 with python3-gi; Debian packages
 * gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{good,bad,ugly}, installed by .ci/run) on a free
 * loopback port. Mounts `/h264` and `/h265`, 320×180 at 25 fps, moving, each frame carrying the
 * source's wall-clock time as a pixel time code (test/support/pixel-clock.ts decodes it).
 *
 * `stop()` kills the server (the cameras become unreachable), `restart()` starts it again on the
 * same port, so URLs handed out before stay valid. `destroy()` kills it for good.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Beside this module; a bundled copy (the bench's) passes `serverScript` instead. */
const SERVER_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rtsp-camera-server.py');

/** The interpreter with python3-gi: Debian's, not whatever python3 comes first on PATH. */
export const SYSTEM_PYTHON = process.env['WALLRUN_CAMERA_PYTHON'] ?? '/usr/bin/python3';

export type CameraMount = 'h264' | 'h265';

export interface RtspCameraOptions {
  /** Serve `/h264` (default true). */
  h264?: boolean;
  /** Serve `/h265` (default true). */
  h265?: boolean;
  /** RTSP basic auth on every mount (for the wrong-password case). */
  auth?: { username: string; password: string };
  /** A fixed port instead of a free one. */
  port?: number;
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
  const mounts = [options.h264 !== false ? 'h264' : null, options.h265 !== false ? 'h265' : null].filter(Boolean);
  if (mounts.length === 0) throw new Error('startRtspCameras: no mount asked for');
  const port = options.port ?? (await freePort());
  const script = options.serverScript ?? SERVER_SCRIPT;
  const args = [script, '--port', String(port), '--mounts', mounts.join(','), '--exit-with-stdin'];
  if (options.auth) args.push('--user', options.auth.username, '--password', options.auth.password);
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let err = '';
  let destroyed = false;

  const launch = async (): Promise<void> => {
    // stdin stays open while this process lives: the server exits when it closes (we died).
    const proc = spawn(SYSTEM_PYTHON, args, { stdio: ['pipe', 'pipe', 'pipe'] });
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
          reject(new Error(`RTSP test cameras exited before they were ready (${SYSTEM_PYTHON} ${script}):\n${err}`));
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
    if (proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined) process.kill(proc.pid, 'SIGKILL');
    await exited;
    child = null;
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
