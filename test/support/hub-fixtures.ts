/**
 * Helpers for tests that talk to a real hub: tokens of every role, a temporary data directory,
 * an in-process hub, REST calls, and waiting for events or states with a deadline (never a fixed
 * sleep).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  WALL_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type WallIdentity,
} from '../../src/core/protocol/protocol.js';
import type { TokenSpec } from '../../src/hub/auth.js';
import { startHub, type Hub, type HubOptions } from '../../src/hub/server.js';

export const TOKENS = {
  wall: 'wall-token-0123456789abcdefghij',
  wall2: 'wall-token-2-0123456789abcdefghij',
  operator: 'operator-token-0123456789abcdefghij',
  editor: 'editor-token-0123456789abcdefghijklm',
  integration: 'integration-token-0123456789abcdefgh',
} as const;

export const TOKEN_SPECS: TokenSpec[] = [
  { name: 'test-wall', role: 'wall', token: TOKENS.wall },
  { name: 'test-wall-node-2', role: 'wall', token: TOKENS.wall2, node: 'node-2' },
  { name: 'Nguyễn Thị Lan', role: 'operator', token: TOKENS.operator },
  { name: 'Trần Văn Bình', role: 'editor', token: TOKENS.editor },
  { name: 'he-thong-thuy-van', role: 'integration', token: TOKENS.integration },
];

export const IDENTITY: WallIdentity = { node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2'] };

export function tempDir(prefix = 'wallrun-hub-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An in-process hub on 127.0.0.1:0 with the test tokens and a fresh data dir. */
export async function testHub(options: Partial<HubOptions> = {}): Promise<Hub & { dataDir: string; cleanup(): Promise<void> }> {
  const tmp = options.dataDir ? null : tempDir();
  const dataDir = options.dataDir ?? tmp!.dir;
  const hub = await startHub({ dataDir, tokens: TOKEN_SPECS, insecure: true, log: () => undefined, ...options });
  return Object.assign(hub, {
    dataDir,
    cleanup: async () => {
      await hub.destroy();
      tmp?.remove();
    },
  });
}

/** A JSON REST call; returns status, body and headers. */
export async function api(
  base: string,
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const init: RequestInit = {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  };
  const res = await fetch(`${base}${url}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (metrics)
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export type RawWallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A raw socket.io client on /wall (not connected yet unless `connect`). */
export function rawWall(url: string, auth: Record<string, unknown> = { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY }): RawWallSocket {
  return io(`${url}${WALL_NAMESPACE}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

/** Resolves with the first `event` whose payload passes `accept`, or rejects after `ms`. */
export function nextEvent<T = any>(
  // any: socket.io's typed emitters and EventEmitter alike
  emitter: { on(e: any, fn: any): unknown; off(e: any, fn: any): unknown },
  event: string,
  accept: (payload: T) => boolean = () => true,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, fn);
      reject(new Error(`no "${event}" within ${ms} ms`));
    }, ms);
    const fn = (payload: T): void => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      emitter.off(event, fn);
      resolve(payload);
    };
    emitter.on(event, fn);
  });
}

/** Polls `check` (sync or async) until it returns a truthy value, or rejects after `ms`. */
export async function until<T>(check: () => T | Promise<T>, what: string, ms = 10_000, everyMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** nextEvent for our typed EventBus (whose on() returns a disposer). */
export function nextBusEvent<T = any>(
  bus: { on(e: any, fn: (p: any) => void): () => void },
  event: string,
  accept: (payload: T) => boolean = () => true,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no "${event}" on the bus within ${ms} ms`));
    }, ms);
    const off = bus.on(event, (payload: T) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}
