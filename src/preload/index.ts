/**
 * The sandboxed preload: installs `window.wallrunHost`, the same host API the browser shell
 * installs (src/core/page/host-api.ts), as named functions through contextBridge (cf. Xibo's player).
 * ipcRenderer itself never reaches the page. Bundled to CommonJS (sandboxed preloads cannot be
 * ES modules) with `electron` left external.
 *
 * It also sends the watchdog's heartbeat: once a second from a timer on the renderer's main
 * thread, with the number of animation frames since the last one, so main notices a page whose
 * thread is stuck even when Electron's own hang detection does not.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HOST_IPC } from '../core/page/host-ipc.js';
import type { HostCommand, PageEvent } from '../core/page/host-messages.js';
import type { PageCapture, PageCaptureRequest, WallPageConfig, WallrunHost } from '../core/page/host-api.js';
import { APP_SCHEME } from '../core/kiosk/kiosk-policy.js';

/**
 * Asked only on our own page (the preload also runs in main's data: fallback pages); main answers
 * null when this window is not one of its wall windows, and then nothing is installed.
 */
const config = location.protocol === `${APP_SCHEME}:` ? (ipcRenderer.sendSync(HOST_IPC.getConfig) as WallPageConfig | null) : null;

if (config) {
  const listeners = new Set<(command: HostCommand) => void>();
  ipcRenderer.on(HOST_IPC.command, (_event, command: HostCommand) => {
    for (const listener of [...listeners]) {
      try {
        listener(command);
      } catch (err) {
        console.error(`wallrun: a command listener failed: ${(err as Error).message}`);
      }
    }
  });

  const host: WallrunHost = {
    getConfig: () => config,
    emit: (event: PageEvent) => ipcRenderer.send(HOST_IPC.event, event),
    onCommand: (listener: (command: HostCommand) => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    // The window's picture for thumbnails while web tiles show (main checks and answers: src/main/page-capture.ts).
    capturePage: (request: PageCaptureRequest) => ipcRenderer.invoke(HOST_IPC.capturePage, request) as Promise<PageCapture>,
  };
  contextBridge.exposeInMainWorld('wallrunHost', host);

  let frames = 0;
  const countFrame = (): void => {
    frames++;
    requestAnimationFrame(countFrame);
  };
  requestAnimationFrame(countFrame);
  setInterval(() => {
    ipcRenderer.send(HOST_IPC.heartbeat, { frames });
    frames = 0;
  }, 1000);
}
