/**
 * The gateway against a real RTSP server (GStreamer, test/support/gateway-rtsp.ts): one pull for
 * two viewers, a new viewer gets the init and a keyframe at once, a stopped camera turns
 * unreachable and comes back by itself, a wrong password is `unauthorized`, H.265 is transcoded.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Camera } from '../../core/wall/model.js';
import { api, tempDir, testHub, TOKENS, until } from '../../../test/support/hub-fixtures.js';
import { startTestRtsp, type TestRtspServer } from '../../../test/support/gateway-rtsp.js';
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
  let open: TestRtspServer;
  let locked: TestRtspServer;
  let hub: Awaited<ReturnType<typeof testHub>>;
  const data = tempDir();
  const cameras = async (): Promise<Map<string, Listed>> => {
    const r = await api(hub.url, 'GET', '/api/cameras', TOKENS.operator);
    return new Map((r.body as { cameras: Listed[] }).cameras.map((c) => [c.id, c]));
  };
  const stateOf = async (id: string): Promise<Listed> => (await cameras()).get(id)!;

  beforeAll(async () => {
    open = await startTestRtsp();
    locked = await startTestRtsp({ username: 'admin', password: 'dung-mat-khau' });
    const file = path.join(data.dir, 'camera-credentials.json');
    writeFileSync(file, JSON.stringify({ sai: { username: 'admin', password: 'sai-mat-khau' }, dung: { username: 'admin', password: 'dung-mat-khau' } }), { mode: 0o600 });
    hub = await testHub({
      dataDir: data.dir,
      cameras: [
        camera('h264', open.url('/h264')),
        camera('h265', open.url('/h265')),
        camera('sai-mat-khau', locked.url('/h264'), { credential: 'sai' }),
        camera('dung-mat-khau', locked.url('/h264'), { credential: 'dung' }),
        camera('thieu-mat-khau', locked.url('/h264'), { credential: 'khong-co' }),
      ],
    });
  });
  afterAll(async () => {
    await hub?.cleanup();
    await open?.stop();
    await locked?.stop();
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
    expect(processesPulling(open.url('/h264'))).toBe(1);
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
});

/** ffmpeg processes of this machine whose command line holds `url` (the RTSP pulls of it). */
function processesPulling(url: string): number {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (path.basename(cmd[0] ?? '') === 'ffmpeg' && cmd.includes(url)) n++;
    } catch {
      // gone
    }
  }
  return n;
}
