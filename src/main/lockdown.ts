/**
 * The lock-down, applied where Electron lets main decide (docs/security.md): the session's
 * permissions, devices, downloads and which requests may leave; each window's new windows,
 * navigations, webviews and cursor. The decisions are src/core/kiosk/kiosk-policy.ts's (the cursor:
 * kiosk-window.ts's).
 */
import type { BrowserWindow, Session } from 'electron';
import { CURSOR_CSS } from '../core/kiosk/kiosk-window.js';
import { frameNavigationAllowed, navigationAllowed, permissionAllowed, requestAllowed } from '../core/kiosk/kiosk-policy.js';

/**
 * Denies every permission and device but fullscreen for our page; refuses downloads and remote
 * code but the web tiles' (`webOrigins`: the running project's wall.yaml `web.origins`).
 */
export function lockDownSession(session: Session, log: (message: string) => void, webOrigins: () => readonly string[] = () => []): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const allowed = permissionAllowed(permission, details.requestingUrl ?? contents?.getURL());
    if (!allowed) log(`permission: denied ${permission} to ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, `${requestingOrigin}/`));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('will-download', (event, item) => {
    log(`download: refused ${item.getURL()}`);
    event.preventDefault();
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const ok = requestAllowed(details.url, details.resourceType, webOrigins());
    if (!ok) log(`request: blocked ${details.resourceType} ${details.url}`);
    callback({ cancel: !ok });
  });
}

/**
 * No new windows, no navigation but to our page (or what main itself loads) and, in a web tile's
 * frame, within the web tiles' origins; no webviews, no cursor.
 */
export function hardenWindow(win: BrowserWindow, ownLoad: () => string, log: (m: string) => void, webOrigins: () => readonly string[] = () => []): void {
  const wc = win.webContents;
  const guard = (event: { preventDefault(): void }, url: string, how: string): void => {
    if (navigationAllowed(url) || url === ownLoad()) return;
    event.preventDefault();
    log(`blocked ${how} to ${url.slice(0, 200)}`);
  };
  wc.setWindowOpenHandler(({ url }) => {
    log(`blocked new window for ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (e) => guard(e, e.url, 'navigation'));
  wc.on('will-frame-navigate', (e) => (e.isMainFrame || frameNavigationAllowed(e.url, webOrigins()) ? undefined : guard(e, e.url, 'frame navigation')));
  wc.on('will-redirect', (e) => (!e.isMainFrame && frameNavigationAllowed(e.url, webOrigins()) ? undefined : guard(e, e.url, 'redirect')));
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.on('dom-ready', () => void wc.insertCSS(CURSOR_CSS).catch(() => undefined));
}
