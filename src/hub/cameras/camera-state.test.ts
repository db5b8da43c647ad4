import { describe, expect, it } from 'vitest';
import { CameraStateMachine, failureOf, inputStreamOf, STALL_MS } from './camera-state.js';
import { initInfo } from './mp4-boxes.js';

describe('camera state', () => {
  it('goes connecting → live → stalled without fragments → live again, each change timed', () => {
    let t = 1000;
    const m = new CameraStateMachine(() => t);
    expect(m.status.state).toBe('idle');
    m.connecting();
    expect(m.status).toMatchObject({ state: 'connecting', since: 1000 });
    t = 2000;
    m.fragment({ codec: 'avc1.42C01E', width: 320, height: 180, fps: 25, transcoding: false });
    expect(m.status).toMatchObject({ state: 'live', codec: 'avc1.42C01E', width: 320, since: 2000, error: null });
    t += STALL_MS - 1;
    m.tick();
    expect(m.status.state).toBe('live');
    t += 1;
    m.tick();
    expect(m.status).toMatchObject({ state: 'stalled', since: t, error: 'no video for 5 s' });
    m.fragment({});
    expect(m.status.state).toBe('live');
  });

  it("tells unauthorized and unreachable apart from ffmpeg's stderr", () => {
    expect(failureOf('[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized')?.state).toBe('unauthorized');
    expect(failureOf('[tcp @ 0x5] Connection to tcp://127.0.0.1:1?timeout=5000000 failed: Connection refused')?.state).toBe('unreachable');
    expect(failureOf('rtsp://10.0.0.9/1: Connection timed out')?.state).toBe('unreachable');
    expect(failureOf('frame=   47 fps= 17')).toBeNull();
    const m = new CameraStateMachine(() => 0);
    m.failed(failureOf('method DESCRIBE failed: 401 Unauthorized'));
    expect(m.status).toMatchObject({ state: 'unauthorized', error: 'the camera refused the credentials (RTSP 401)' });
    m.failed(null);
    expect(m.status.state).toBe('unreachable');
  });

  it("reads the input stream's codec, size and rate", () => {
    const line = '  Stream #0:0: Video: hevc (Main), yuv420p(tv), 320x180 [SAR 1:1 DAR 16:9], 25 fps, 25 tbr, 90k tbn';
    expect(inputStreamOf(line)).toEqual({ codec: 'hevc', fps: 25, width: 320, height: 180 });
  });

  it('reads the MSE codec string and size from an avc1 init segment', () => {
    // avc1 sample entry (width 640, height 360) holding avcC with profile 0x42, compatibility 0xE0, level 0x1E.
    const avcC = Buffer.from([0, 0, 0, 15, ...Buffer.from('avcC'), 1, 0x42, 0xe0, 0x1e, 0xff, 0xe1, 0]);
    const entry = Buffer.alloc(86);
    entry.writeUInt32BE(86 + avcC.length, 0);
    entry.write('avc1', 4, 'latin1');
    entry.writeUInt16BE(640, 32);
    entry.writeUInt16BE(360, 34);
    expect(initInfo(Buffer.concat([entry, avcC]))).toEqual({ codec: 'avc1.42E01E', width: 640, height: 360 });
  });
});
