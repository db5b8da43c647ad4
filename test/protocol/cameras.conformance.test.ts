/**
 * docs/protocol.md "Cameras", checked against a hub and a real RTSP camera: GET /api/cameras, the
 * WebSocket live path (first-message token, header, init then fragments, close codes), the HLS
 * fallback with Bearer auth; socket.io's own upgrades keep working beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, nextEvent, rawWall, testHub, TOKENS, until } from '../support/hub-fixtures.js';
import { startTestRtsp, type TestRtspServer } from '../support/gateway-rtsp.js';
import { boxTypes, cameraViewer } from '../support/camera-viewer.js';

describe('protocol: cameras', () => {
  let rtsp: TestRtspServer;
  let hub: Awaited<ReturnType<typeof testHub>>;

  beforeAll(async () => {
    rtsp = await startTestRtsp();
    hub = await testHub({
      cameras: [
        { id: 'cong-chinh', title: { vi: 'Cổng chính', en: 'Main gate' }, url: rtsp.url('/h264'), transcode: { width: 640, height: 360 } },
        { id: 'khong-mat-khau', title: 'Không mật khẩu', url: rtsp.url('/h264'), credential: 'khong-co', transcode: { width: 640, height: 360 } },
      ],
    });
    await until(async () => (await api(hub.url, 'GET', '/api/cameras', TOKENS.wall)).body.cameras[0].state === 'live', 'camera live', 20_000);
  });
  afterAll(async () => {
    await hub?.cleanup();
    await rtsp?.stop();
  });

  it('GET /api/cameras: every camera with its state, for operators, editors, integrations and walls only', async () => {
    const r = await api(hub.url, 'GET', '/api/cameras', TOKENS.integration);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      hubTime: expect.any(Number),
      cameras: [
        {
          id: 'cong-chinh', title: { vi: 'Cổng chính', en: 'Main gate' }, state: 'live', codec: expect.stringMatching(/^avc1\.[0-9A-F]{6}$/),
          width: 320, height: 180, fps: 25, transcoding: false, viewers: 0, since: expect.any(Number), error: null,
        },
        {
          id: 'khong-mat-khau', title: 'Không mật khẩu', state: 'unauthorized', codec: null, width: null, height: null, fps: null,
          transcoding: false, viewers: 0, since: expect.any(Number), error: 'credential "khong-co" is not in camera-credentials.json',
        },
      ],
    });
    expect(JSON.stringify(r.body)).not.toContain('rtsp://');
    expect((await api(hub.url, 'GET', '/api/cameras', null)).status).toBe(401);
  });

  it('live: token first, then the header, the init segment and media fragments', async () => {
    const v = cameraViewer(hub.url, 'cong-chinh', TOKENS.editor);
    await until(() => v.binary.length >= 3, 'init and fragments');
    expect(v.header).toEqual({ codec: expect.stringMatching(/^avc1\./), width: 320, height: 180, transcoding: false });
    expect(boxTypes(v.binary[0]!)).toEqual(['ftyp', 'moov']);
    expect(boxTypes(v.binary[2]!)).toEqual(['moof', 'mdat']);
    v.close();
  });

  it('live: closes 4401 on a bad or missing token or a role that may not watch, 4404 on an unknown camera, 4503 when the camera is not available', async () => {
    const cases: [string, string | null, number, string][] = [
      ['cong-chinh', 'not-a-token-0123456789abcdef', 4401, 'bad token'],
      ['cong-chinh', TOKENS.integration, 4401, 'bad token'],
      ['khong-co-camera', TOKENS.wall, 4404, 'unknown camera'],
      ['khong-mat-khau', TOKENS.wall, 4503, 'unauthorized'],
    ];
    for (const [id, token, code, reason] of cases) {
      const v = cameraViewer(hub.url, id, token);
      await until(() => v.closed, `close of ${id}`);
      expect({ id, ...v.closed }).toEqual({ id, code, reason });
      expect(v.binary).toEqual([]);
    }
  });

  it('HLS fallback: the playlist and its segments with a Bearer token, 401 without', async () => {
    const playlist = await until(async () => {
      const r = await api(hub.url, 'GET', '/cameras/cong-chinh/hls/index.m3u8', TOKENS.wall);
      return r.status === 200 && /\.ts/.test(String(r.body)) ? String(r.body) : null;
    }, 'HLS playlist', 20_000);
    expect(playlist).toMatch(/^#EXTM3U/);
    const segment = playlist.split('\n').find((l) => l.endsWith('.ts'))!;
    const res = await fetch(`${hub.url}/cameras/cong-chinh/hls/${segment}`, { headers: { Authorization: `Bearer ${TOKENS.operator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp2t');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await api(hub.url, 'GET', '/cameras/cong-chinh/hls/index.m3u8', null)).status).toBe(401);
    expect((await api(hub.url, 'GET', '/cameras/cong-chinh/hls/..%2Fx.m3u8', TOKENS.wall)).status).toBe(404);
  });

  it("leaves socket.io's WebSocket upgrades to socket.io", async () => {
    const wall = rawWall(hub.url);
    await nextEvent(wall, 'connect');
    wall.close();
  });
});
