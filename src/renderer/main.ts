/**
 * Page entry: read the config from the host, load the bundled fonts (before any Text exists),
 * start the window's WallApp, and wire host commands and the keyboard. Errors go to the host as
 * events; the page never throws into the void.
 */
import { checkPageConfig, type PageEvent } from '../core/host-api.js';
import { withIdentifyLayout } from '../core/identify.js';
import { getHost } from './host.js';
import { loadFonts } from './fonts.js';
import { WallApp } from './wall-app.js';
import { installDebug } from './debug.js';
import { bindKeyboard } from './keyboard.js';
import { startLocalFeed } from './local-feed.js';

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
  // Every wall can show the identify layout (Ctrl+Alt+I, or a host's switchLayout command).
  const config = { ...given, layouts: withIdentifyLayout(given.wall, given.layouts, given.themes, given.scale) };
  try {
    await loadFonts(new URL('fonts/', document.baseURI).href);
  } catch (err) {
    emit({ type: 'error', code: 'fonts-failed', message: (err as Error).message });
  }
  const app = new WallApp(config, emit);
  installDebug(app, app.window.id);
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
  });
  bindKeyboard(window, config.layouts, () => app.layout, (id) => void app.switchLayout(id));
  if (config.demoFeed) startLocalFeed(app.store, config.layouts, app.now);
  await app.init();
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
