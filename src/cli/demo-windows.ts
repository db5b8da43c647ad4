/**
 * `wallrun demo` in Chromium app windows on this machine's display (src/shell/app-windows.ts):
 * one window per planned window at its wall position, scaled so the whole wall fits the screen
 * unless --scale says otherwise. Closing any window ends the demo.
 */
import { fitScale, naturalExtent, placeDemoWindows } from '../core/displays/demo-plan.js';
import type { WallWindow } from '../shell/wall-window.js';
import { demoPageConfig, err, out, reportReady, watchStartup, type DemoRun, type ShellRun } from './demo-run.js';

/** Opens the app windows; the demo ends when one of them is closed. */
export async function launchChromiumWindows(run: DemoRun, chromiumPath: string): Promise<ShellRun> {
  const { opts, stop } = run;
  const { AppWindows } = await import('../shell/app-windows.js');
  let shell;
  try {
    shell = await AppWindows.start({ chromiumPath, hubTrust: run.hubTrust });
  } catch (e) {
    err(`wallrun demo: cannot start Chromium: ${(e as Error).message}`);
    return { exitCode: 1 };
  }
  const aw = shell;
  run.cleanup('Chromium', () => aw.destroy());
  run.timeline.mark('shell', { vi: 'Chromium đã chạy', en: 'Chromium started' });
  const screen = await aw.screen();
  const natural = naturalExtent(run.windows);
  const scale = opts.scale ?? fitScale(natural, screen);
  const plan = placeDemoWindows(run.windows, scale, { x: screen.x, y: screen.y });
  out(
    `wallrun demo: Chromium app windows at scale ${scale}` +
      (opts.scale === undefined ? ` (the wall is ${natural.width} × ${natural.height} px, the screen ${screen.width} × ${screen.height}: scaled to fit; --scale to choose)` : ''),
  );
  // In turn: AppWindows.open reuses the window it measured the screen with, which two opens at once would share.
  const opened: WallWindow[] = [];
  for (const w of plan.windows) {
    if (stop.requested) return { exitCode: 0 };
    opened.push(await aw.open(demoPageConfig(run, w.planned, scale), w.rect));
    run.timeline.mark(`window-opened:${w.planned.id}`, { vi: `${w.planned.id}: cửa sổ đã mở`, en: `${w.planned.id}: window opened` });
  }
  watchStartup(run, opened, plan.windows.map((w) => w.planned.id));
  void reportReady(opened);
  out('wallrun demo: the wall is up. Stop with Ctrl-C (closing a window stops the demo too).');
  return { ended: aw.anyClosed().then(() => ({ why: 'a wall window was closed', code: 0 })) };
}
