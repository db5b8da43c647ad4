import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cameraId, startCameraFleet, type CameraFleet } from './camera-fleet.js';
import { parseMediaPlaylist } from './camera-sim.js';
import { startHlsServer, type HlsServer } from './hls-server.js';

const PLAYLIST = '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.0,\nseg-0.ts\n';
const SECRET = 'top secret';

let tmp: string;
let server: HlsServer | undefined;
let fleet: CameraFleet | undefined;

/** A raw GET, so that `..` reaches the server as sent (fetch would normalise it away). */
function rawGet(port: number, pathname: string, agent?: http.Agent): Promise<{ status: number; body: string; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, reused: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'hls-server-test-'));
  const root = path.join(tmp, 'www');
  await mkdir(path.join(root, 'cam-01'), { recursive: true });
  await mkdir(path.join(root, 'cam-02'), { recursive: true });
  await writeFile(path.join(root, 'cam-01', 'index.m3u8'), PLAYLIST);
  await writeFile(path.join(root, 'cam-01', 'seg-0.ts'), Buffer.alloc(188, 0x47));
  await writeFile(path.join(root, 'cam-02', 'index.m3u8'), PLAYLIST);
  await writeFile(path.join(tmp, 'secret.txt'), SECRET);
  await symlink(path.join(tmp, 'secret.txt'), path.join(root, 'cam-01', 'link.txt'));
  server = await startHlsServer({ root });
});

afterEach(async () => {
  await fleet?.destroy();
  fleet = undefined;
  await server?.destroy();
  server = undefined;
  await rm(tmp, { recursive: true, force: true });
});

describe('startHlsServer', () => {
  it('serves playlists and segments with their MIME types, no-cache and CORS', async () => {
    const m3u8 = await fetch(new URL('cam-01/index.m3u8', server!.url));
    expect(m3u8.status).toBe(200);
    expect(m3u8.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(m3u8.headers.get('cache-control')).toBe('no-cache');
    expect(m3u8.headers.get('access-control-allow-origin')).toBe('*');
    expect(await m3u8.text()).toBe(PLAYLIST);

    const ts = await fetch(new URL('cam-01/seg-0.ts', server!.url));
    expect(ts.headers.get('content-type')).toBe('video/mp2t');
    expect((await ts.arrayBuffer()).byteLength).toBe(188);

    const missing = await fetch(new URL('cam-01/seg-9.ts', server!.url));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(new URL('cam-01/', server!.url))).status).toBe(404);
  });

  it('refuses path traversal', async () => {
    for (const p of ['/../secret.txt', '/cam-01/../../secret.txt', '/%2e%2e/secret.txt', '/cam-01/..%2f..%2fsecret.txt', '/cam-01/link.txt', '/..%5csecret.txt']) {
      const res = await rawGet(server!.port, p);
      expect([400, 403], p).toContain(res.status);
      expect(res.body, p).not.toContain(SECRET);
    }
  });

  it('keeps connections alive between requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await rawGet(server!.port, '/cam-01/index.m3u8', agent)).reused).toBe(false);
      expect((await rawGet(server!.port, '/cam-01/index.m3u8', agent)).reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('holds a blocked camera’s requests until unblock, and serves the others meanwhile', async () => {
    server!.block('cam-01');
    const held = fetch(new URL('cam-01/index.m3u8', server!.url));
    await waitFor('the request to be held', () => server!.pending('cam-01') === 1);
    expect((await fetch(new URL('cam-02/index.m3u8', server!.url))).status).toBe(200);
    server!.unblock('cam-01');
    const res = await held;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(PLAYLIST);
  });

  it('answers 503 for a camera blocked that way', async () => {
    server!.block('cam-01', 503);
    expect((await fetch(new URL('cam-01/index.m3u8', server!.url))).status).toBe(503);
    server!.unblock('cam-01');
    expect((await fetch(new URL('cam-01/index.m3u8', server!.url))).status).toBe(200);
  });
});

describe('a camera fleet behind the server', () => {
  it('serves a live camera whose segments ffprobe decodes as 640x360 H.264', async () => {
    fleet = await startCameraFleet({ count: 1 });
    await fleet.ready;
    expect(fleet.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(fleet.cameras.map((c) => c.id)).toEqual([cameraId(1)]);

    const res = await fetch(new URL('cam-01/index.m3u8', fleet.baseUrl));
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const { segments } = parseMediaPlaylist(await res.text());
    const newest = segments.at(-1)!;
    const seg = await fetch(new URL(`cam-01/${newest}`, fleet.baseUrl));
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    const file = path.join(tmp, 'segment.ts');
    await writeFile(file, Buffer.from(await seg.arrayBuffer()));

    const { stdout } = await promisify(execFile)('ffprobe', [
      '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height', '-of', 'json', file,
    ]);
    expect(JSON.parse(stdout).streams[0]).toEqual({ codec_name: 'h264', width: 640, height: 360 });
  });
});
