/**
 * `wallrun demo` in the Electron kiosk (src/shell/electron-demo.ts): one kiosk process per node,
 * windowed on the displays wall.yaml describes, given the hub's address, its wall token and a
 * one-run exit PIN; scaled so the wall fits the screen unless --scale says otherwise.
 */
import { randomBytes } from 'node:crypto';
import { demoWallOrigin, fitScale, naturalExtent } from '../core/displays/demo-plan.js';
import { makePinHash } from '../core/kiosk/exit-pin.js';
import { readConnectors } from '../node/display-sources.js';
import { err, out, wallTokenOf, type DemoRun, type ShellRun } from './demo-run.js';

/** The primary output's desktop rect as xrandr tells it (else the first active one); null without X. */
async function primaryScreen(): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const r = await readConnectors();
  if (!r.ok) return null;
  const active = r.connectors.filter((c) => c.active && c.bounds);
  return (active.find((c) => c.primary) ?? active[0])?.bounds ?? null;
}

/** Starts a kiosk per node; the demo ends when the first of them exits. */
export async function launchElectronDemo(run: DemoRun, binary: string, exitPin: string): Promise<ShellRun> {
  const { opts, hub, nodes, windows } = run;
  const { ElectronDemo, ensureElectronBuilt } = await import('../shell/electron-demo.js');
  if (!ensureElectronBuilt(err)) return { exitCode: 1 };
  // As the Chromium windows: scaled so the wall fits the screen, unless --scale says otherwise.
  const screen = opts.scale === undefined ? await primaryScreen() : null;
  const scale = opts.scale ?? (screen ? fitScale(naturalExtent(windows), screen) : undefined);
  if (opts.scale === undefined) out(screen ? `wallrun demo: the screen is ${screen.width} × ${screen.height} (xrandr): the kiosk windows are scaled to fit, at ${scale}; --scale to choose` : 'wallrun demo: no screen size from xrandr: the kiosk windows are 1:1; --scale to choose');
  const electron = await ElectronDemo.start({
    binary,
    projectDir: opts.root,
    nodes,
    env: {
      WALLRUN_HUB_URL: hub.url,
      WALLRUN_HUB_TOKEN: wallTokenOf(hub) ?? '',
      WALLRUN_HUB_CA: run.hubCaFile,
      WALLRUN_DEMO_FEED: '1',
      WALLRUN_EXIT_PIN_HASH: makePinHash(exitPin, randomBytes(8).toString('hex')),
      ...(opts.layout ?? run.hubLayout ? { WALLRUN_LAYOUT: opts.layout ?? run.hubLayout } : {}),
      WALLRUN_LANG: opts.lang,
    },
    scale,
    wallOrigin: demoWallOrigin(windows),
    cameraBase: hub.cameraBase,
    log: out,
  });
  run.cleanup('Electron', () => electron.destroy());
  run.timeline.mark('shell', {
    vi: 'Electron đã chạy (các mốc của từng cửa sổ chỉ đọc được trong Chromium của demo, không trong kiosk)',
    en: "Electron started (the windows' own milestones are read in the demo's Chromium only, not in the kiosk)",
  });
  out(`wallrun demo: Electron kiosk started for ${nodes.join(', ')} (${binary}) at scale ${scale ?? 1}. Stop with Ctrl-C, or the exit PIN on a wall window.`);
  return {
    ended: electron.anyExited().then(({ node, code }) => ({ why: `the kiosk of ${node} exited (${code})`, code: code !== 0 ? 1 : 0 })),
  };
}
