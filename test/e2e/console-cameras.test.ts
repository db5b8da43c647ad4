/**
 * The console lists the project's cameras with the gateway's state in Vietnamese words (English
 * with ?lang=en): a live RTSP camera (GStreamer) and one whose credential the hub lacks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../src/shell/build-console.js';
import { api, testHub, TOKENS, until } from '../support/hub-fixtures.js';
import { startRtspCameras, type RtspCameras } from '../support/rtsp-cameras.js';
import { openConsole } from '../support/console-page.js';

describe('console: camera states (e2e)', () => {
  let rtsp: RtspCameras;
  let hub: Awaited<ReturnType<typeof testHub>>;
  const problems: string[] = [];

  beforeAll(async () => {
    await buildConsole();
    rtsp = await startRtspCameras();
    hub = await testHub({
      cameras: [
        { id: 'cong-chinh', title: { vi: 'Cổng chính', en: 'Main gate' }, url: rtsp.url('h264'), transcode: { width: 640, height: 360 } },
        { id: 'cau-rong', title: { vi: 'Cầu Rồng', en: 'Dragon bridge' }, url: rtsp.url('h264'), credential: 'khong-co', transcode: { width: 640, height: 360 } },
      ],
    });
    await until(async () => (await api(hub.url, 'GET', '/api/cameras', TOKENS.operator)).body.cameras[0].state === 'live', 'camera live', 20_000);
  });
  afterAll(async () => {
    await hub?.cleanup();
    await rtsp?.destroy();
  });

  for (const [query, live, refused, why, heading] of [
    ['', 'Cổng chính trực tiếp', 'Cầu Rồng sai mật khẩu', 'mục "khong-co" không có trong camera-credentials.json của hub', 'Camera'],
    ['?lang=en', 'Main gate live', 'Dragon bridge unauthorized', 'credential "khong-co" is not in camera-credentials.json', 'Cameras'],
  ] as const) {
    it(`shows each camera's state in words${query ? ' (English)' : ''}`, async () => {
      const { browser, page } = await openConsole(hub.url, TOKENS.operator, { problems, query });
      try {
        await page.locator('#cameras li[data-camera="cong-chinh"][data-state="live"]').waitFor();
        const rows = await page.locator('#cameras li').allInnerTexts();
        expect(rows[0]).toContain(live);
        expect(rows[0]).toMatch(/H\.264 · 320×180 · 25 (hình\/giây|fps)/);
        expect(rows[1]).toContain(refused);
        expect(rows[1]).toContain(why);
        expect(await page.locator('#cameras-heading').innerText()).toBe(heading);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
