/**
 * The wall client's settings, one slice per controller, with documented defaults. The hub's
 * heartbeat (protocol PING_INTERVAL_MS + PING_TIMEOUT_MS = 9 s) bounds how long a dead link goes
 * unnoticed; these settings govern what the client does about it.
 */

export interface ReconnectConfig {
  /** First retry delay (ms); doubles per failed attempt. Default 500. */
  baseMs: number;
  /** Largest retry delay (ms). Default 10 000. */
  maxMs: number;
  /** Each delay is scaled by a random factor in [1 − jitter, 1], so walls don't reconnect in step. Default 0.5. */
  jitter: number;
  /** Delay before retrying after the hub refused the token or protocol (ms). Default 30 000. */
  refusedRetryMs: number;
  /**
   * Largest retry delay while a hub of the group answers `not-leader` (a takeover under way: a
   * leader is about to answer, so the wall keeps asking often). Default 1000.
   */
  standbyRetryMs: number;
}

export interface ClockConfig {
  /** Pings per sync; the one with the lowest round trip wins. Default 8. */
  samples: number;
  /** Pause between pings of one sync (ms). Default 50. */
  sampleGapMs: number;
  /** A ping without a reply after this long is a lost sample (ms). Default 2000. */
  timeoutMs: number;
  /** Time between syncs while connected (ms). Default 60 000. */
  resyncMs: number;
}

export interface AckConfig {
  /** How long to wait for the hub's confirmation of one attempt (ms). Default 5000. */
  timeoutMs: number;
  /** Retry delays after a failed attempt: doubling from this (ms). Default 1000. */
  retryBaseMs: number;
  /** Largest retry delay (ms). Default 15 000. */
  retryMaxMs: number;
  /** Storage key prefix; the node and window ids are appended, so windows never share a queue. */
  storageKey: string;
}

export interface WallClientConfig {
  reconnect: ReconnectConfig;
  /** Give up one connection attempt after this long (ms). Default 8000. */
  connectTimeoutMs: number;
  clock: ClockConfig;
  ack: AckConfig;
  /** Ask again if a requested snapshot has not come after this long (ms). Default 5000. */
  resyncTimeoutMs: number;
  /** socket.io transports, in order. Default websocket only (no sticky sessions needed). */
  transports: ('websocket' | 'polling')[];
}

export const DEFAULT_WALL_CLIENT_CONFIG: WallClientConfig = {
  reconnect: { baseMs: 500, maxMs: 10_000, jitter: 0.5, refusedRetryMs: 30_000, standbyRetryMs: 1000 },
  connectTimeoutMs: 8000,
  clock: { samples: 8, sampleGapMs: 50, timeoutMs: 2000, resyncMs: 60_000 },
  ack: { timeoutMs: 5000, retryBaseMs: 1000, retryMaxMs: 15_000, storageKey: 'wallrun.acks.v1' },
  resyncTimeoutMs: 5000,
  transports: ['websocket'],
};

/** What a caller may override: any slice in part. */
export interface WallClientConfigInput {
  reconnect?: Partial<ReconnectConfig>;
  connectTimeoutMs?: number;
  clock?: Partial<ClockConfig>;
  ack?: Partial<AckConfig>;
  resyncTimeoutMs?: number;
  transports?: WallClientConfig['transports'];
}

/** Defaults overlaid with `input`; throws naming both keys when two settings contradict. */
export function mergeWallClientConfig(input: WallClientConfigInput = {}): WallClientConfig {
  const d = DEFAULT_WALL_CLIENT_CONFIG;
  const c: WallClientConfig = {
    reconnect: { ...d.reconnect, ...(input.reconnect ?? {}) },
    connectTimeoutMs: input.connectTimeoutMs ?? d.connectTimeoutMs,
    clock: { ...d.clock, ...(input.clock ?? {}) },
    ack: { ...d.ack, ...(input.ack ?? {}) },
    resyncTimeoutMs: input.resyncTimeoutMs ?? d.resyncTimeoutMs,
    transports: input.transports ?? d.transports,
  };
  if (c.reconnect.maxMs < c.reconnect.baseMs) throw new Error('reconnect.maxMs must be ≥ reconnect.baseMs');
  if (c.ack.retryMaxMs < c.ack.retryBaseMs) throw new Error('ack.retryMaxMs must be ≥ ack.retryBaseMs');
  if (!(c.reconnect.standbyRetryMs >= 0)) throw new Error('reconnect.standbyRetryMs must be ≥ 0');
  if (c.reconnect.jitter < 0 || c.reconnect.jitter > 1) throw new Error('reconnect.jitter must be within [0, 1]');
  if (c.clock.samples < 1) throw new Error('clock.samples must be ≥ 1');
  if (c.transports.length === 0) throw new Error('transports must not be empty');
  return c;
}
