/**
 * `window.wallrunDebug`: read-only state for tests and diagnostics, plus the few levers tests
 * need (switch, publish, lose the context, probe frames). Nothing in the page depends on it.
 */
import type { HubDebugState } from '../core/page/host-api.js';
import type { DemoFeedDebugState, WallDebugApi } from '../core/page/debug-hook.js';
import type { WallApp } from './wall-app.js';

export function installDebug(
  app: WallApp,
  windowId: string,
  hub: () => HubDebugState | null = () => null,
  demo: () => DemoFeedDebugState | null = () => null,
): void {
  let loseExt: WEBGL_lose_context | null = null;
  const api: WallDebugApi = {
    state: () => ({
      windowId,
      layout: app.layout,
      // currentPreset is set and cleared with the current scene (SceneManager.swap and clear).
      preset: app.scenes.currentPreset ? { id: app.scenes.currentPreset.id, version: app.scenes.currentPreset.version } : null,
      frame: app.loop.frame,
      fps: app.loop.fps,
      load: { ...app.load.report(), rendered: app.load.rendered },
      render: { ...app.renderMeter.snapshot(), direct: app.rendersDirect, backend: app.drawnBy, pageContent: app.pageLayer.showing },
      switching: app.scenes.switching,
      tiles: app.scenes.current?.debugTiles() ?? [],
      hub: hub(),
      ...(app.degraded ? { degraded: app.degraded } : {}),
      demo: demo(),
    }),
    texts: () => app.scenes.current?.drawnTexts() ?? [],
    switchLayout: (id) => app.switchLayout(id),
    publish: (topic, value, t) => app.store.publish(topic, value, t),
    raiseAlert: (alert) => app.store.raiseAlert(alert),
    clearAlert: (id) => app.store.clearAlert(id),
    setDeadScreens: (screens) => app.setDeadScreens(screens),
    setDarkScreens: (screens) => app.setDarkScreens(screens),
    publishes: () => app.store.publishes,
    renderedFrames: () => app.load.rendered,
    setTileClipping: (mode) => {
      app.scenes.current?.setClipMode(mode);
      return app.scenes.current?.tiles.length ?? 0;
    },
    setRenderPath: (path) => app.setRenderPath(path),
    loseContext: () => {
      loseExt = app.gl()?.getExtension('WEBGL_lose_context') ?? null;
      loseExt?.loseContext();
      return loseExt !== null;
    },
    restoreContext: () => {
      loseExt?.restoreContext();
      return loseExt !== null;
    },
    startProbe: (points) => app.probe.samplePoints(points),
    takeProbe: () => app.probe.take(),
    captureFrame: () => app.probe.captureNext(),
    readCanvas: () => app.readCanvas(),
  };
  Object.defineProperty(window, 'wallrunDebug', { value: Object.freeze(api), configurable: false });
}
