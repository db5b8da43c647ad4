/**
 * Starts the hub link's worker (socket-worker.ts, built as hub-link-worker.js beside the page's
 * bundle) and returns the socket factory whose sockets live there. Where workers are missing or the
 * script fails, the factory runs sockets on the page's thread (worker-socket.ts) and says why.
 */
import { io } from 'socket.io-client';
import { LINK_WORKER_FILE } from '../../core/page/page-files.js';
import type { SocketFactory, WallSocket } from './connection.js';
import type { HostCommand, HostEvent } from './socket-host.js';
import { WorkerSocketFactory, type HostPort } from './worker-socket.js';

const pageThread: SocketFactory = (url, options) => io(url, options) as WallSocket;

/** `base`: the page bundle's URL (import.meta.url); the worker's script is beside it. */
export function startLinkWorker(base: string): WorkerSocketFactory {
  const scriptUrl = new URL(LINK_WORKER_FILE, base);
  let worker: Worker | null = null;
  let startError: string | null = null;
  try {
    worker = new Worker(scriptUrl, { type: 'module', name: 'wallrun-hub-link' });
  } catch (e) {
    startError = (e as Error).message;
  }
  const failures: ((reason: string) => void)[] = [];
  const port: HostPort = {
    post: (command: HostCommand) => worker?.postMessage(command),
    onEvent: (listener) => worker?.addEventListener('message', (e: MessageEvent<HostEvent>) => listener(e.data)),
    onFailure: (listener) => failures.push(listener),
    close: () => {
      worker?.terminate();
      worker = null;
    },
  };
  const fail = (reason: string): void => {
    worker?.terminate();
    worker = null;
    for (const f of failures) f(reason);
  };
  worker?.addEventListener('error', (e) => {
    e.preventDefault();
    fail(e.message || `${LINK_WORKER_FILE} could not run`);
  });
  worker?.addEventListener('messageerror', () => fail('a message could not be read'));
  const factory = new WorkerSocketFactory(port, pageThread);
  if (startError !== null) fail(startError);
  return factory;
}
