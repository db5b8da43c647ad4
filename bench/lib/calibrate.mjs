/**
 * A short look at the browser before the scenarios: Chromium's version, the GL strings a page gets,
 * and the idle requestAnimationFrame interval (the vsync interval frames are judged against), in a
 * throwaway Chromium launched with the browser shell's flags (src/shell/browser-shell.ts; copied
 * here because the shell does not export them) and the scenario's viewport.
 */
import { chromium } from 'playwright-core';
import { glInfo, rafInterval } from './page.mjs';

export const SHELL_FLAGS = [
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];
export const SWIFTSHADER_FLAGS = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function calibrate({ executablePath, gl, viewport, register }) {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...SHELL_FLAGS, ...(gl === 'swiftshader' ? SWIFTSHADER_FLAGS : [])],
  });
  const unregister = register?.('calibration Chromium', () => browser.close());
  try {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.setContent('<!doctype html><body style="background:#000"></body>');
    const vsyncMs = await rafInterval(page, 1500);
    const glStrings = await glInfo(page);
    return { chromiumVersion: browser.version(), gl: glStrings, vsyncMs };
  } finally {
    await browser.close().catch(() => undefined);
    unregister?.();
  }
}
