/**
 * A real RTSP source for the gateway's tests: test/support/gateway-rtsp-server.py (GStreamer's
 * rtsp-server through /usr/bin/python3) on a free loopback port, mounts /h264 and /h265, optional
 * basic auth. `stop()` makes it unreachable; `restart()` serves again on the same port.
 * (The camtest helper's test/support/rtsp-cameras.ts adds the pixel time code for the latency bench.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const SCRIPT = path.join(import.meta.dirname, 'gateway-rtsp-server.py');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface TestRtspServer {
  url(mount: '/h264' | '/h265'): string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startTestRtsp(auth?: { username: string; password: string }): Promise<TestRtspServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const run = async (): Promise<void> => {
    const args = [SCRIPT, String(port), ...(auth ? [auth.username, auth.password] : [])];
    const c = spawn('/usr/bin/python3', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child = c;
    await new Promise<void>((resolve, reject) => {
      c.stdout!.on('data', (d: Buffer) => {
        if (String(d).includes('READY')) resolve();
      });
      c.once('exit', (code) => reject(new Error(`RTSP test server exited (${code})`)));
    });
  };
  const stop = async (): Promise<void> => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await run();
  return { url: (mount) => `rtsp://127.0.0.1:${port}${mount}`, stop, restart: run };
}
