/**
 * docs/protocol.md "Cameras", checked against a hub and a real RTSP camera: GET /api/cameras, the
 * WebSocket live path (first-message token, header, init then fragments, close codes), the HLS
 * fallback with Bearer auth; socket.io's own upgrades keep working beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { api, nextEvent, rawWall, tempDir, testHub, TOKEN_SPECS, TOKENS, until } from '../support/hub-fixtures.js';
import { startRtspCameras, type RtspCameras } from '../support/rtsp-cameras.js';
import { boxTypes, cameraViewer } from '../support/camera-viewer.js';
import { testPki } from '../support/tls-fixtures.js';

describe('protocol: cameras', () => {
  let rtsp: RtspCameras;
  let hub: Awaited<ReturnType<typeof testHub>>;

  beforeAll(async () => {
    rtsp = await startRtspCameras();
    hub = await testHub({
      cameras: [
        { id: 'cong-chinh', title: { vi: 'Cổng chính', en: 'Main gate' }, url: rtsp.url('h264'), transcode: { width: 640, height: 360 } },
        { id: 'khong-mat-khau', title: 'Không mật khẩu', url: rtsp.url('h264'), credential: 'khong-co', transcode: { width: 640, height: 360 } },
      ],
    });
    await until(async () => (await api(hub.url, 'GET', '/api/cameras', TOKENS.wall)).body.cameras[0].state === 'live', 'camera live', 20_000);
  });
  afterAll(async () => {
    await hub?.cleanup();
    await rtsp?.destroy();
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
      ['%E0%A4%A', TOKENS.wall, 4404, 'unknown camera'],
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
    // The wall page is another origin: CORS on the files, and the Authorization header's preflight answered.
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${hub.url}/cameras/cong-chinh/hls/index.m3u8`, {
      method: 'OPTIONS',
      headers: { Origin: 'app://wall', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("leaves socket.io's WebSocket upgrades to socket.io", async () => {
    const wall = rawWall(hub.url);
    await nextEvent(wall, 'connect');
    wall.close();
  });

  it('live: a viewer whose token is taken away (tokens.json reloaded) is closed 4401 at the next keyframe', async () => {
    const data = tempDir();
    const file = path.join(data.dir, 'tokens.json');
    writeFileSync(file, JSON.stringify({ tokens: TOKEN_SPECS }), { mode: 0o600 });
    const second = await testHub({ dataDir: data.dir, tokens: undefined, cameras: [{ id: 'cong-chinh', title: 'Cổng chính', url: rtsp.url('h264'), transcode: { width: 640, height: 360 } }] });
    try {
      const v = cameraViewer(second.url, 'cong-chinh', TOKENS.wall);
      await until(() => v.binary.length >= 2, 'viewer fed', 20_000);
      writeFileSync(file, JSON.stringify({ tokens: TOKEN_SPECS.filter((t) => t.role !== 'wall') }), { mode: 0o600 });
      expect(second.reloadTokens()).toBe(true);
      await until(() => v.closed, 'viewer closed', 5000);
      expect(v.closed).toEqual({ code: 4401, reason: 'token revoked' });
    } finally {
      await second.cleanup();
      data.remove();
    }
  });

  it('live over TLS: wss:// on the hub\'s own port and certificate', async () => {
    const data = tempDir('wallrun-camtls-');
    const pki = await testPki(data.dir);
    const secure = await testHub({ tls: pki.tls, insecure: false, cameras: [{ id: 'cong-chinh', title: 'Cổng chính', url: rtsp.url('h264'), transcode: { width: 640, height: 360 } }] });
    try {
      expect(secure.url).toMatch(/^https:/);
      const v = cameraViewer(secure.url, 'cong-chinh', TOKENS.wall, '', pki.caPem);
      await until(() => v.binary.length >= 2, 'viewer fed over wss', 20_000);
      expect(boxTypes(v.binary[0]!)).toEqual(['ftyp', 'moov']);
      v.close();
    } finally {
      await secure.cleanup();
      data.remove();
    }
  });
});
