import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from './bus.js';
import { mergeWallClientConfig } from './config.js';
import { ConnectionController } from './connection.js';
import type { ConnectionStateEvent, WallClientEvents } from './events.js';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('ConnectionController', () => {
  let connection: ConnectionController | null = null;
  afterEach(() => {
    connection?.destroy();
    connection = null;
  });

  it('retries an unreachable hub with exponential backoff and jitter, and stops on destroy', async () => {
    const bus = new EventBus<WallClientEvents>();
    const states: ConnectionStateEvent[] = [];
    bus.on('state', (s) => states.push(s));
    const jitters = [0, 0.5, 1, 0.25];
    let j = 0;
    connection = new ConnectionController({
      url: `http://127.0.0.1:${await closedPort()}`,
      token: 't'.repeat(30),
      identity: { node: 'node-1', window: 'w1', screens: ['r1c1'] },
      config: mergeWallClientConfig({ reconnect: { baseMs: 20, maxMs: 100, jitter: 0.5 } }),
      bus,
      now: Date.now,
      random: () => jitters[j++ % jitters.length]!,
    });
    connection.init();
    await expect.poll(() => states.filter((s) => s.state === 'reconnecting').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const retries = states.filter((s) => s.state === 'reconnecting').slice(0, 4);
    // ceilings 20, 40, 80, 100 (max) scaled by 1 − 0.5·random
    expect(retries.map((s) => s.retryInMs)).toEqual([20, 30, 40, 88]);
    expect(retries.map((s) => s.attempt)).toEqual([1, 2, 3, 4]);
    expect(connection.connected).toBe(false);
    connection.destroy();
    expect(states.at(-1)!.state).toBe('closed');
    expect(connection.currentState).toBe('closed');
    // No retry left scheduled and no socket left open.
    expect((connection as unknown as { retryTimer: unknown; socket: unknown }).retryTimer).toBeNull();
    expect((connection as unknown as { socket: unknown }).socket).toBeNull();
  });
});
