/**
 * The RTSP test cameras (test/support/rtsp-cameras.ts) that the camera tests, the demo and the
 * latency bench stand on: both mounts serve moving 320×180 frames whose pixel time code decodes to
 * the source's time (close to now, increasing), basic auth refuses a wrong password, and a stopped
 * server comes back on the same URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPixelClock } from '../support/pixel-clock.js';
import { startRtspCameras, type RtspCameras } from '../support/rtsp-cameras.js';
import { changedPixels } from '../support/png.js';
import { grabFrames } from './frame-grab.js';

const FULL_FRAME = { x: 0, y: 0, width: 320, height: 180 };

describe('RTSP test cameras', () => {
  let cameras: RtspCameras;
  beforeAll(async () => {
    cameras = await startRtspCameras({ h264: true, h265: true });
  });
  afterAll(() => cameras?.destroy());

  for (const mount of ['h264', 'h265'] as const) {
    it(`/${mount}: moving frames carrying the source's time in ms, just before they arrive`, async () => {
      // A viewer joins mid-GOP: ffmpeg's HEVC decoder hands over grey frames until the next key frame
      // (≤ 1 s at 25 fps); from the first frame with a code on, every frame must carry one.
      const grabbed = await grabFrames(cameras.url(mount), 40);
      const firstReadable = grabbed.findIndex((f) => readPixelClock(f.image, FULL_FRAME) !== null);
      expect(firstReadable).toBeGreaterThanOrEqual(0);
      expect(firstReadable).toBeLessThanOrEqual(26);
      const frames = grabbed.slice(firstReadable);
      const codes = frames.map((f) => readPixelClock(f.image, FULL_FRAME));
      expect(frames[0]!.image.width).toBe(320);
      expect(frames[0]!.image.height).toBe(180);
      for (const code of codes) expect(code).not.toBeNull();
      for (let i = 1; i < codes.length; i++) expect(codes[i]!).toBeGreaterThan(codes[i - 1]!);
      const last = frames.at(-1)!;
      const age = last.receivedAt - codes.at(-1)!;
      // The source's own time, in ms: never ahead of now, and behind by encode + RTSP + decode (about
      // 130 ms here, docs/cameras.md "Latency"); the bound leaves room for a loaded 2-core machine.
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(1000);
      expect(changedPixels(frames[0]!.image, last.image, { x: 0, y: 0, width: 320, height: 132 })).toBeGreaterThan(100);
    });
  }

  it('a stopped server is unreachable, and restart() brings it back on the same URL', async () => {
    const url = cameras.url('h264');
    await cameras.stop();
    await expect(grabFrames(url, 1)).rejects.toThrow(/refused|exited/i);
    await cameras.restart();
    const [frame] = await grabFrames(url, 1);
    expect(readPixelClock(frame!.image, FULL_FRAME)).not.toBeNull();
  });
});

describe('RTSP test cameras with basic auth', () => {
  let cameras: RtspCameras;
  beforeAll(async () => {
    cameras = await startRtspCameras({ h264: true, h265: false, auth: { username: 'giamsat', password: 'đúng-mật-khẩu' } });
  });
  afterAll(() => cameras?.destroy());

  it('plays with the right password and refuses a wrong one (401)', async () => {
    const [frame] = await grabFrames(cameras.urlWithCredentials('h264', 'giamsat', 'đúng-mật-khẩu'), 1);
    expect(readPixelClock(frame!.image, FULL_FRAME)).not.toBeNull();
    await expect(grabFrames(cameras.urlWithCredentials('h264', 'giamsat', 'sai'), 1)).rejects.toThrow(/401|Unauthorized/i);
    await expect(grabFrames(cameras.url('h264'), 1)).rejects.toThrow(/401|Unauthorized/i);
  });
});
