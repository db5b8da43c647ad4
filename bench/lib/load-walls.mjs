/**
 * Simulated walls and a publisher for `npm run load` (bench/load.mjs): each wall is one socket.io
 * client on the hub's `/wall` namespace speaking the wall protocol's handshake (docs/protocol.md),
 * counting what reaches it; the publisher posts topic updates over REST at a set rate, each value the
 * time it was posted, so a wall's receive time minus the value is the update's delivery latency
 * (publisher, hub and walls share this machine's clock).
 */
import { io } from 'socket.io-client';

export const WALL_TOKEN = 'wall-token-0123456789abcdefghij';
export const INTEGRATION_TOKEN = 'integration-token-0123456789abcdefgh';
const PROTOCOL = 1;

/** One simulated wall: its latencies (ms), updates received, seq gaps seen, snapshots. */
export function simulatedWall(url, node, window = 'w1') {
  const state = { latencies: [], received: 0, gaps: 0, snapshots: 0, lastSeq: null, connected: false, url: null };
  let socket = null;
  const open = (target) => {
    socket?.removeAllListeners();
    socket?.disconnect();
    state.url = target;
    socket = io(`${target}/wall`, {
      auth: { token: WALL_TOKEN, protocol: PROTOCOL, identity: { node, window, screens: ['r1c1'] } },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.on('connect', () => (state.connected = true));
    socket.on('disconnect', () => (state.connected = false));
    socket.on('snapshot', () => {
      state.snapshots++;
      state.lastSeq = null;
    });
    socket.on('updates', (batch) => {
      const now = Date.now();
      if (state.lastSeq !== null && batch.seq !== state.lastSeq + 1) state.gaps++;
      state.lastSeq = batch.seq;
      for (const u of batch.updates) {
        state.received++;
        if (typeof u.value === 'number') state.latencies.push(now - u.value);
      }
    });
    return socket;
  };
  open(url);
  return {
    state,
    /** Connects to another hub (failover: the same wall, a new link). */
    moveTo: (target) => open(target),
    socket: () => socket,
    close: () => {
      socket?.removeAllListeners();
      socket?.disconnect();
    },
    reset: () => {
      state.latencies = [];
      state.received = 0;
      state.gaps = 0;
    },
  };
}

/** Resolves once every wall is connected and has its snapshot, or rejects after `ms`. */
export async function allConnected(walls, ms = 30_000) {
  const end = Date.now() + ms;
  while (!walls.every((w) => w.state.connected && w.state.snapshots > 0)) {
    if (Date.now() > end) throw new Error(`${walls.filter((w) => !w.state.connected).length} of ${walls.length} walls not connected after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Posts `rate` updates a second for `seconds`, in 20 requests a second over `topics` topics, each
 * value the time of posting. Resolves with how many updates the hub accepted.
 */
export async function publish(url, rate, seconds, topics = 200) {
  const perRequest = Math.max(1, Math.round(rate / 20));
  const requests = Math.round(seconds * 20);
  const started = Date.now();
  let accepted = 0;
  let n = 0;
  for (let i = 0; i < requests; i++) {
    const due = started + i * 50;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait)); // the publisher's pace, not a wait for a state
    const now = Date.now();
    const updates = Array.from({ length: perRequest }, () => ({ topic: `load.topic-${n++ % topics}`, value: now }));
    const res = await fetch(`${url}/api/data`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` }, body: JSON.stringify({ updates }) });
    if (res.status === 202) accepted += updates.length;
    await res.arrayBuffer();
  }
  return accepted;
}

export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
