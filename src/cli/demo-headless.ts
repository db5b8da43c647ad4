/**
 * `wallrun demo` without a display: the planned windows in headless Chromium (src/shell/browser-shell.ts),
 * off screen, and every few seconds one picture of the whole wall (bezels black) written to the
 * screenshot file (demo-capture.ts: a window on the watchdog's fallback page is a screenshot in
 * it, not a failure of the whole picture).
 */
import { X509Certificate } from 'node:crypto';
import { renameSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { placeDemoWindows } from '../core/displays/demo-plan.js';
import { hexRgb } from '../shell/png-encode.js';
import type { BrowserShell } from '../shell/browser-shell.js';
import type { WallWindow } from '../shell/wall-window.js';
import type { DemoCertificate } from '../hub/demo/demo-certificate.js';
import type { DemoTimeline } from './demo-timeline.js';
import { captureSource, WallPicture } from './demo-capture.js';
import { demoPageConfig, err, out, reportReady, watchStartup, type DemoRun, type ShellRun } from './demo-run.js';

/** Headless: 0.25 keeps three 11,520 × 1,080 windows affordable for SwiftShader (2880 × 270 each). */
export const HEADLESS_SCALE = 0.25;

/** Headless Chromium, or why it did not start. */
export type HeadlessBrowser = { shell: BrowserShell } | { error: string };

/**
 * Starts headless Chromium trusting the demo hub's own certificate, which it pins as it is: so
 * Chromium starts beside the hub instead of after it (a probe needs the hub listening). Never rejects.
 */
export async function launchHeadlessBrowser(chromiumPath: string, certificate: DemoCertificate, timeline: DemoTimeline): Promise<HeadlessBrowser> {
  try {
    const { BrowserShell } = await import('../shell/browser-shell.js');
    const shell = await BrowserShell.launch({ chromiumPath, headless: true, handleSignals: false, hubTrust: { ownCertificate: new X509Certificate(certificate.tls.cert) } });
    timeline.mark('shell', { vi: 'Chromium (không màn hình) đã chạy', en: 'headless Chromium started' });
    return { shell };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Opens the windows headless in the started browser and starts the pictures; the demo ends if Chromium goes away. */
export async function launchHeadlessDemo(run: DemoRun, browser: Promise<HeadlessBrowser>, note: string | undefined): Promise<ShellRun> {
  const { opts, stop, project } = run;
  const started = await browser;
  if ('error' in started) {
    err(`wallrun demo: cannot start Chromium: ${started.error}`);
    return { exitCode: 1 };
  }
  const bs = started.shell;
  const scale = opts.scale ?? HEADLESS_SCALE;
  const plan = placeDemoWindows(run.windows, scale);
  const screenshot = resolve(opts.screenshot);
  out(`wallrun demo: note: ${note}. The wall renders off screen at scale ${scale}; a picture of the whole wall goes to ${screenshot} every ${opts.screenshotEvery} s.`);
  // All windows at once: each page's load, scene build and first camera frames wait on the hub and
  // the network as much as on the CPU, so opening them in turn only added their waits up.
  const opened: WallWindow[] = await Promise.all(
    plan.windows.map(async (w) => {
      const win = await bs.openWindow(demoPageConfig(run, w.planned, scale), {
        watchdog: true,
        onWatchdogReport: (r) => out(`wallrun demo: watchdog ${w.planned.id}: ${r.kind}: ${r.detail}`),
      });
      run.timeline.mark(`window-opened:${w.planned.id}`, { vi: `${w.planned.id}: cửa sổ đã mở`, en: `${w.planned.id}: window opened` });
      return win;
    }),
  );
  if (stop.requested) return { exitCode: 0 };
  watchStartup(run, opened, plan.windows.map((w) => w.planned.id));
  await Promise.race([reportReady(opened), stop.promise]);
  if (stop.requested) return { exitCode: 0 };
  const theme = project.themes.find((t) => t.id === project.wall.defaultTheme) ?? project.themes[0];
  // A window showing the watchdog's fallback page is a screenshot in the picture, not a failure.
  const picture = new WallPicture(plan, opened.map((w) => captureSource(w)), hexRgb(theme?.colors.bezel), out);
  const pictures = takePictures(picture, screenshot, opts.screenshotEvery);
  // A capture under way is not waited for: closing Chromium next ends it.
  run.cleanup('screenshots', async () => pictures.destroy());
  return { ended: new Promise((resolveEnded) => bs.onDisconnected(() => resolveEnded({ why: 'Chromium exited', code: 0 }))) };
}

/**
 * Writes a picture of the wall to `screenshot` now and every `everyS` seconds after the previous
 * one was written, until destroyed.
 */
function takePictures(picture: WallPicture, screenshot: string, everyS: number): { destroy(): void } {
  let first = true;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const shoot = async (): Promise<void> => {
    const png = await picture.capture();
    if (stopped) return;
    await mkdir(dirname(screenshot), { recursive: true });
    const tmp = `${screenshot}.${process.pid}.tmp`;
    await writeFile(tmp, png);
    renameSync(tmp, screenshot); // readers never see half a file
    if (first) out(`wallrun demo: wrote ${screenshot} (${picture.size.width} × ${picture.size.height} px); rewritten every ${everyS} s. Stop with Ctrl-C.`);
    first = false;
  };
  const loop = (): void => {
    shoot()
      .catch((e: unknown) => {
        if (!stopped) err(`wallrun demo: screenshot failed: ${(e as Error).message}`);
      })
      .then(() => {
        if (!stopped) timer = setTimeout(loop, everyS * 1000);
      });
  };
  loop();
  return {
    destroy: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
