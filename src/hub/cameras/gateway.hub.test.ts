/**
 * The gateway against a real RTSP server (GStreamer, test/support/rtsp-cameras.ts): one pull for
 * two viewers, a new viewer gets the init and a keyframe at once, a stopped camera turns
 * unreachable and comes back by itself, a wrong password is `unauthorized`, H.265 is transcoded.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Camera } from '../../core/wall/model.js';
import { api, tempDir, testHub, TOKENS, until } from '../../../test/support/hub-fixtures.js';
import { startRtspCameras, type RtspCameras } from '../../../test/support/rtsp-cameras.js';
import { boxTypes, cameraViewer } from '../../../test/support/camera-viewer.js';
import { moofStartsWithKeyframe } from './mp4-boxes.js';

const camera = (id: string, url: string, extra: Partial<Camera> = {}): Camera => ({
  id,
  title: { vi: id },
  url,
  transcode: { width: 320, height: 180 },
  ...extra,
});

type Listed = { id: string; state: string; codec: string | null; transcoding: boolean; viewers: number; error: string | null; width: number | null };

describe('camera gateway with a real RTSP camera', () => {
  let open: RtspCameras;
  let locked: RtspCameras;
  let hub: Awaited<ReturnType<typeof testHub>>;
  const data = tempDir();
  const cameras = async (): Promise<Map<string, Listed>> => {
    const r = await api(hub.url, 'GET', '/api/cameras', TOKENS.operator);
    return new Map((r.body as { cameras: Listed[] }).cameras.map((c) => [c.id, c]));
  };
  const stateOf = async (id: string): Promise<Listed> => (await cameras()).get(id)!;

  beforeAll(async () => {
    open = await startRtspCameras();
    locked = await startRtspCameras({ auth: { username: 'admin', password: 'dung-mat-khau' } });
    const file = path.join(data.dir, 'camera-credentials.json');
    writeFileSync(file, JSON.stringify({ sai: { username: 'admin', password: 'sai-mat-khau' }, dung: { username: 'admin', password: 'dung-mat-khau' } }), { mode: 0o600 });
    hub = await testHub({
      dataDir: data.dir,
      cameras: [
        camera('h264', open.url('h264')),
        camera('h265', open.url('h265')),
        camera('sai-mat-khau', locked.url('h264'), { credential: 'sai' }),
        camera('dung-mat-khau', locked.url('h264'), { credential: 'dung' }),
        camera('thieu-mat-khau', locked.url('h264'), { credential: 'khong-co' }),
      ],
    });
  });
  afterAll(async () => {
    await hub?.cleanup();
    await open?.destroy();
    await locked?.destroy();
    data.remove();
  });

  it('lists every camera with its state: live H.264 copied, wrong password unauthorized, unknown credential refused', async () => {
    await until(async () => (await stateOf('h264')).state === 'live', 'h264 live', 20_000);
    const h264 = await stateOf('h264');
    expect(h264).toMatchObject({ codec: expect.stringMatching(/^avc1\.[0-9A-F]{6}$/), width: 320, height: 180, transcoding: false });
    await until(async () => (await stateOf('sai-mat-khau')).state === 'unauthorized', 'wrong password unauthorized', 20_000);
    await until(async () => (await stateOf('dung-mat-khau')).state === 'live', 'right password live', 20_000);
    expect(await stateOf('thieu-mat-khau')).toMatchObject({ state: 'unauthorized', error: expect.stringContaining('khong-co') });
    expect([...(await cameras()).keys()]).toEqual(['h264', 'h265', 'sai-mat-khau', 'dung-mat-khau', 'thieu-mat-khau']);
  });

  it('keeps the camera password out of ffmpeg\'s command line (ps, /proc/<pid>/cmdline): it reads the URL on stdin', async () => {
    await until(async () => (await stateOf('dung-mat-khau')).state === 'live', 'right password live', 20_000);
    const ours = processes((cmd) => path.basename(cmd[0] ?? '') === 'ffmpeg').filter((pid) => parentOf(pid) === process.pid);
    const cmdlines = ours.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    // Both pulls of the locked server read their URL from stdin (the right and the wrong password).
    expect(cmdlines.filter((c) => c.includes('\0concat\0') && c.includes('\0pipe:0\0')).length).toBeGreaterThanOrEqual(1);
    for (const c of cmdlines) {
      expect(c).not.toContain('dung-mat-khau');
      expect(c).not.toContain('sai-mat-khau');
      expect(c).not.toContain('admin:');
    }
    // And the secret path plays: a viewer gets the init and fragments.
    const v = cameraViewer(hub.url, 'dung-mat-khau', TOKENS.wall);
    await until(() => v.binary.length >= 2, 'fragments of the camera with a password');
    v.close();
  });

  it('transcodes H.265 to H.264 and says so', async () => {
    await until(async () => (await stateOf('h265')).state === 'live', 'h265 live', 30_000);
    expect(await stateOf('h265')).toMatchObject({ transcoding: true, codec: expect.stringMatching(/^avc1\./) });
    const v = cameraViewer(hub.url, 'h265', TOKENS.wall);
    await until(() => v.binary.length >= 2, 'transcoded fragments');
    expect(v.header).toMatchObject({ transcoding: true, codec: expect.stringMatching(/^avc1\./) });
    v.close();
  });

  it('serves two viewers from one pull; each gets the init and a keyframe fragment at once', async () => {
    await until(async () => (await stateOf('h264')).state === 'live', 'h264 live', 20_000);
    const a = cameraViewer(hub.url, 'h264', TOKENS.wall);
    const b = cameraViewer(hub.url, 'h264', TOKENS.operator);
    await until(() => a.binary.length >= 2 && b.binary.length >= 2, 'both viewers fed');
    for (const v of [a, b]) {
      expect(boxTypes(v.binary[0]!)).toEqual(['ftyp', 'moov']);
      expect(boxTypes(v.binary[1]!)).toEqual(['moof', 'mdat']);
      expect(moofStartsWithKeyframe(v.binary[1]!)).toBe(true);
    }
    expect((await stateOf('h264')).viewers).toBe(2);
    expect(processesPulling(open.url('h264'))).toBe(1);
    a.close();
    b.close();
  });

  it('a stopped camera turns unreachable, then comes back by itself', async () => {
    await until(async () => (await stateOf('h264')).state === 'live', 'h264 live', 20_000);
    const v = cameraViewer(hub.url, 'h264', TOKENS.wall);
    await until(() => v.binary.length >= 2, 'fed');
    await open.stop();
    await until(async () => ['unreachable', 'stalled'].includes((await stateOf('h264')).state), 'camera down', 20_000);
    await until(() => v.closed, 'viewer closed when the stream ended', 20_000);
    expect(v.closed!.code).toBe(4503);
    await open.restart();
    await until(async () => (await stateOf('h264')).state === 'live', 'h264 back', 40_000);
    const metrics = await api(hub.url, 'GET', '/metrics', null);
    expect(String(metrics.body)).toMatch(/wallrun_camera_reconnects_total\{camera="h264"\} [1-9]/);
    expect(String(metrics.body)).toContain('wallrun_camera_state{camera="h264",state="live"} 1');
  });

  it('a camera that stops sending but keeps its connection turns stalled, then live again', async () => {
    await until(async () => (await stateOf('h264')).state === 'live', 'h264 live', 40_000);
    const server = serverPid(open.port);
    process.kill(server, 'SIGSTOP');
    try {
      await until(async () => (await stateOf('h264')).state === 'stalled', 'h264 stalled', 15_000);
    } finally {
      process.kill(server, 'SIGCONT');
    }
    await until(async () => (await stateOf('h264')).state === 'live', 'h264 live again', 40_000);
  });
});

/** Processes of this machine whose command line matches. */
function processes(match: (cmd: string[]) => boolean): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (match(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'))) out.push(Number(pid));
    } catch {
      // gone
    }
  }
  return out;
}

/** The parent of a process (/proc/<pid>/stat, the field after the state). */
function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** ffmpeg processes whose command line holds `url` (the RTSP pulls of it). */
const processesPulling = (url: string): number => processes((cmd) => path.basename(cmd[0] ?? '') === 'ffmpeg' && cmd.includes(url)).length;

/** The RTSP test server (python3 …/rtsp-camera-server.py --port <port>). */
function serverPid(port: number): number {
  const pid = processes((cmd) => cmd.some((a) => a.endsWith('rtsp-camera-server.py')) && cmd.includes(String(port)))[0];
  if (pid === undefined) throw new Error(`no RTSP test server on port ${port}`);
  return pid;
}
