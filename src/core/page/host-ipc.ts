/**
 * The Electron IPC between the preload and main that carries the host API: channel names and
 * what each carries. Only Electron uses it (the browser shell binds the host API otherwise), so it
 * sits apart from the host API itself.
 */
import type { HostCommand, PageEvent } from './host-messages.js';
import type { PageCaptureRequest } from './host-api.js';

/**
 * IPC channels between Electron's preload and main (cf. GitHub Desktop's ipc-shared.ts). Only
 * these cross; src/main/ipc.ts checks the sender and parses each payload before main acts on it.
 */
export const HOST_IPC = {
  /** preload → main, synchronous, once at preload start: the window's WallPageConfig (null if refused). */
  getConfig: 'wallrun:get-config',
  /** preload → main: one PageEvent, as `WallrunHost.emit` received it. */
  event: 'wallrun:event',
  /** preload → main, every second while the renderer's main thread runs (the watchdog's heartbeat). */
  heartbeat: 'wallrun:heartbeat',
  /** preload → main, invoked (answered): the window's picture, `WallrunHost.capturePage` (src/main/page-capture.ts). */
  capturePage: 'wallrun:capture-page',
  /** main → preload: one HostCommand for the page's `onCommand` listeners. */
  command: 'wallrun:command',
} as const;

export type HostIpcChannel = (typeof HOST_IPC)[keyof typeof HOST_IPC];

/** What each channel carries (renderer → main payloads are checked at runtime). */
export interface HostIpcPayloads {
  'wallrun:get-config': undefined;
  'wallrun:event': PageEvent;
  'wallrun:heartbeat': HeartbeatPayload;
  'wallrun:capture-page': PageCaptureRequest;
  'wallrun:command': HostCommand;
}

export interface HeartbeatPayload {
  /** Animation frames the page produced since the previous heartbeat. */
  frames: number;
}
