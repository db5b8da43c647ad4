/**
 * Page entry: read the config from the host, load the bundled fonts (before any Text exists),
 * start the window's WallApp, and wire host commands and the keyboard. With a hub in the config,
 * the HubSession connects once the first layout is on screen and the wall clock becomes the hub's;
 * without one the local demo feed (when asked for) keeps the wall alive. Errors go to the host as
 * events; the page never throws into the void.
 */
import { checkPageConfig } from '../core/page/host-api.js';
import type { PageEvent } from '../core/page/host-messages.js';
import { getHost } from './host.js';
import { loadFonts } from './fonts.js';
import { WallApp } from './wall-app.js';
import { installDebug } from './debug.js';
import { bindKeyboard } from './keyboard.js';
import { startLocalFeed, type LocalFeed } from './local-feed.js';
import { HubSession } from './session/hub-session.js';
import { seededRandom } from '../core/demo/seeded-random.js';

async function boot(): Promise<void> {
  const host = getHost();
  const emit = (e: PageEvent): void => {
    try {
      host.emit(e);
    } catch {
      // A host that cannot take an event must not stop the wall.
    }
  };
  window.addEventListener('error', (e) => emit({ type: 'error', code: 'uncaught', message: String(e.message) }));
  window.addEventListener('unhandledrejection', (e) =>
    emit({ type: 'error', code: 'uncaught', message: String((e.reason as Error)?.message ?? e.reason) }),
  );
  const given = host.getConfig();
  const problems = checkPageConfig(given);
  if (problems.length > 0) {
    emit({ type: 'error', code: 'config-invalid', message: problems.join('; ') });
    return;
  }
  // The identify layout (Ctrl+Alt+I) is in the config already: every host builds it with
  // buildPageConfig (src/core/page/page-config.ts), the one place that adds it.
  const config = given;
  // Start-up marks (performance.mark: free, read by `wallrun demo --verbose`, src/cli/demo-timeline.ts).
  performance.mark('wallrun:config');
  try {
    await loadFonts(new URL('fonts/', document.baseURI).href);
  } catch (err) {
    emit({ type: 'error', code: 'fonts-failed', message: (err as Error).message });
  }
  performance.mark('wallrun:fonts');
  let session: HubSession | null = null;
  const toHostAndHub = (e: PageEvent): void => {
    emit(e);
    session?.onPageEvent(e);
  };
  // A frozen wall's clock stands still (reference images); otherwise the hub's, or this machine's.
  const frozen = config.frozen;
  const app = new WallApp(config, toHostAndHub, frozen ? () => frozen.at : () => session?.hubNow() ?? Date.now());
  let feed: LocalFeed | null = null;
  const hub = config.hub;
  session = hub ? new HubSession(app, { ...config, hub }, {
        onFirstSnapshot: () => feed?.destroy(),
        // Thumbnails showing web tiles' pages (net/page-capture.ts), where the host can take the picture.
        capturePage: host.capturePage ? (request) => host.capturePage!(request) : undefined,
      }) : null;
  installDebug(app, app.window.id, () => session?.debugState() ?? null, () => feed?.debugState() ?? null);
  host.onCommand((cmd) => {
    if (cmd.type === 'switchLayout') void app.switchLayout(cmd.layout, cmd.at);
    else if (cmd.type === 'prepareLayout') {
      void app.prepareLayout(cmd.switchId, cmd.layout).then((r) =>
        emit({ type: 'layoutPrepared', switchId: cmd.switchId, layout: cmd.layout, ok: r.ok, ...(r.error !== undefined ? { error: r.error } : {}) }),
      );
    } else if (cmd.type === 'commitLayout') void app.commitLayout(cmd.switchId, cmd.layout, cmd.at);
    else if (cmd.type === 'abortLayout') app.abortLayout(cmd.switchId);
    else if (cmd.type === 'publish') app.store.publish(cmd.topic, cmd.value, cmd.t);
    else if (cmd.type === 'raiseAlert') app.store.raiseAlert(cmd.alert);
    else if (cmd.type === 'clearAlert') app.store.clearAlert(cmd.id);
    else if (cmd.type === 'setDeadScreens') app.setDeadScreens(cmd.screens);
    else if (cmd.type === 'webFrameStatus') app.pageLayer.webFrameStatus(cmd);
    else if (cmd.type === 'setDarkScreens') {
      app.setDarkScreens(cmd.screens);
      session?.reportHealth(); // the hub hears of a display gone or back now, not at the next report
    }
  });
  bindKeyboard(window, config.layouts, () => app.layout, (id) => {
    if (!session?.requestLayout(id)) void app.switchLayout(id);
  });
  // Demo values until the hub's first snapshot replaces them (or for good, without a hub).
  // A frozen wall's feed publishes once, from its seed (no live ticks: Infinity).
  if (config.demoFeed) {
    feed = frozen
      ? startLocalFeed(app.store, config.layouts, app.now, Infinity, config.data, seededRandom(frozen.seed))
      : startLocalFeed(app.store, config.layouts, app.now, 1000, config.data);
  }
  if (await app.init()) performance.mark('wallrun:first-layout');
  session?.init();
}

void boot().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  try {
    window.wallrunHost?.emit({ type: 'error', code: 'uncaught', message });
  } catch {
    // no host to tell
  }
  console.error(`wallrun: ${message}`);
});
