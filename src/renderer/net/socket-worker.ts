/**
 * The hub link's worker (dist/renderer/hub-link-worker.js): hosts the wall's socket.io sockets off
 * the page's render path (socket-host.ts says why). Started by link-worker.ts.
 */
import { io } from 'socket.io-client';
import { SocketHost, type HostCommand, type HostEvent, type HostedSocket } from './socket-host.js';

const scope = globalThis as unknown as {
  postMessage(message: HostEvent): void;
  onmessage: ((e: { data: HostCommand }) => void) | null;
};
const host = new SocketHost(
  (event) => scope.postMessage(event),
  (url, options) => io(url, options) as unknown as HostedSocket,
);
scope.onmessage = (e) => host.handle(e.data);
