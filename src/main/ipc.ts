/**
 * The one file that imports ipcMain (cf. VS Code's validatedIpcMain, GitHub Desktop's ipc-main).
 * Every message is checked before main acts on it: the channel must be one of HOST_IPC's, the
 * sender one of our windows' webContents, the sending frame that window's main frame showing our
 * wall page (for get-config, see checkIpc), and the payload must parse as the host-api shape.
 * Anything else is logged and dropped.
 */
import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { HOST_IPC, type HeartbeatPayload } from '../core/page/host-ipc.js';
import { checkPageEvent, type HostCommand, type PageEvent } from '../core/page/host-messages.js';
import type { WallPageConfig } from '../core/page/host-api.js';
import { isWallPageUrl } from '../core/kiosk/kiosk-policy.js';

/** Who sent a message, as read from the IpcMainEvent. */
export interface IpcSender {
  webContentsId: number;
  /** URL of the sending frame; undefined when the frame is gone. */
  frameUrl: string | undefined;
  mainFrame: boolean;
}

export type IpcVerdict =
  | { ok: true; channel: typeof HOST_IPC.getConfig }
  | { ok: true; channel: typeof HOST_IPC.event; event: PageEvent }
  | { ok: true; channel: typeof HOST_IPC.heartbeat; heartbeat: HeartbeatPayload }
  | { ok: false; reason: string };

const INBOUND = new Set<string>([HOST_IPC.getConfig, HOST_IPC.event, HOST_IPC.heartbeat]);

/** The guard, pure: what a message is, or why it is refused. */
export function checkIpc(channel: string, sender: IpcSender, args: readonly unknown[], isOurs: (webContentsId: number) => boolean): IpcVerdict {
  if (!INBOUND.has(channel)) return { ok: false, reason: `unknown channel ${JSON.stringify(channel)}` };
  if (!isOurs(sender.webContentsId)) return { ok: false, reason: `sender ${sender.webContentsId} is not one of our windows` };
  if (channel === HOST_IPC.getConfig) {
    // Asked from the preload, while Electron's senderFrame may still describe the document before
    // the navigation (electron/electron#33575): only the window is checked here; the preload asks
    // only on our page, and nothing but our page and main's own fallback pages load in our windows.
    if (sender.frameUrl !== undefined && !sender.mainFrame) return { ok: false, reason: 'sender is a subframe' };
    return args.length === 0 ? { ok: true, channel } : { ok: false, reason: 'get-config takes no arguments' };
  }
  const notOurPage = wallPageSenderProblem(sender);
  if (notOurPage) return { ok: false, reason: notOurPage };
  if (args.length !== 1) return { ok: false, reason: `expected one argument, got ${args.length}` };
  const payload = args[0];
  if (channel === HOST_IPC.event) {
    const problems = checkPageEvent(payload);
    return problems.length === 0 ? { ok: true, channel, event: payload as PageEvent } : { ok: false, reason: `bad event: ${problems.join('; ')}` };
  }
  const frames = (payload as { frames?: unknown } | null)?.frames;
  if (typeof payload !== 'object' || payload === null || Object.keys(payload).length !== 1 || typeof frames !== 'number' || !(frames >= 0)) {
    return { ok: false, reason: 'bad heartbeat: expected { frames: number >= 0 }' };
  }
  return { ok: true, channel: HOST_IPC.heartbeat, heartbeat: { frames } };
}

/** Why a message from one of our windows is not from its wall page's main frame; null when it is. */
export function wallPageSenderProblem(sender: IpcSender): string | null {
  if (sender.frameUrl === undefined || !isWallPageUrl(sender.frameUrl)) return `sender frame ${JSON.stringify(sender.frameUrl ?? null)} is not our wall page`;
  return sender.mainFrame ? null : 'sender is a subframe';
}

/** What main does with messages that passed the guard. */
export interface IpcHandlers {
  isOurs(webContentsId: number): boolean;
  getConfig(webContentsId: number): WallPageConfig | null;
  onEvent(webContentsId: number, event: PageEvent): void;
  onHeartbeat(webContentsId: number, heartbeat: HeartbeatPayload): void;
  log(message: string): void;
}

export function senderOf(event: Pick<IpcMainEvent, 'sender' | 'senderFrame'>): IpcSender {
  let frameUrl: string | undefined;
  let mainFrame = false;
  try {
    const frame = event.senderFrame;
    frameUrl = frame?.url;
    mainFrame = frame !== null && frame !== undefined && frame.parent === null;
  } catch {
    // The frame was destroyed while the message was in flight.
  }
  return { webContentsId: event.sender.id, frameUrl, mainFrame };
}

/** Listens on every inbound channel; returns a function that stops listening. */
export function installIpc(handlers: IpcHandlers): () => void {
  const listeners = new Map<string, (event: IpcMainEvent, ...args: unknown[]) => void>();
  for (const channel of INBOUND) {
    const listener = (event: IpcMainEvent, ...args: unknown[]): void => {
      const sender = senderOf(event);
      const verdict = checkIpc(channel, sender, args, (id) => handlers.isOurs(id));
      if (!verdict.ok) {
        handlers.log(`ipc: dropped ${channel} from webContents ${sender.webContentsId}: ${verdict.reason}`);
        // A synchronous sender blocks until it gets a value: always give it one.
        if (channel === HOST_IPC.getConfig) event.returnValue = null;
        return;
      }
      try {
        if (verdict.channel === HOST_IPC.getConfig) event.returnValue = handlers.getConfig(sender.webContentsId);
        else if (verdict.channel === HOST_IPC.event) handlers.onEvent(sender.webContentsId, verdict.event);
        else handlers.onHeartbeat(sender.webContentsId, verdict.heartbeat);
      } catch (err) {
        handlers.log(`ipc: ${channel} handler failed: ${(err as Error).message}`);
        if (channel === HOST_IPC.getConfig) event.returnValue = null;
      }
    };
    listeners.set(channel, listener);
    ipcMain.on(channel, listener);
  }
  return () => {
    for (const [channel, listener] of listeners) ipcMain.removeListener(channel, listener);
  };
}

/** Main → page: one HostCommand for the window's onCommand listeners. */
export function sendCommand(contents: WebContents, command: HostCommand): void {
  if (!contents.isDestroyed()) contents.send(HOST_IPC.command, command);
}
