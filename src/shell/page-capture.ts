/**
 * `WallrunHost.capturePage` in the browser shell: the window's picture as the compositor shows it
 * (web tiles' frames under the canvas included), taken by Chromium at the requested size. A CDP
 * `Page.captureScreenshot` with a clip scale renders the picture small (Playwright's screenshot has
 * no scale but device/css), so no full-size image is made and shrunk; JPEG at the request's quality.
 */
import type { CDPSession, Page } from 'playwright-core';
import { checkPageCaptureRequest, type PageCapture } from '../core/page/host-api.js';

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** The picture of `page`'s viewport at about `request`'s size; rejects on a malformed request. */
export async function capturePageJpeg(page: Page, raw: unknown): Promise<PageCapture> {
  const request = checkPageCaptureRequest(raw);
  if (typeof request === 'string') throw new Error(request);
  let cdp = sessions.get(page);
  if (!cdp) sessions.set(page, (cdp = page.context().newCDPSession(page)));
  const session = await cdp;
  const view = await page.evaluate(() => {
    const w = globalThis as unknown as { innerWidth: number; innerHeight: number }; // the page's window
    return { width: w.innerWidth, height: w.innerHeight };
  });
  // One scale for both sides (the aspect is the window's); the result is rounded by Chromium.
  const scale = Math.min(request.width / view.width, request.height / view.height);
  const shot = (await session.send('Page.captureScreenshot', {
    format: 'jpeg',
    quality: Math.round(request.quality * 100),
    clip: { x: 0, y: 0, width: view.width, height: view.height, scale },
  })) as { data: string };
  return { data: shot.data, width: Math.round(view.width * scale), height: Math.round(view.height * scale) };
}
