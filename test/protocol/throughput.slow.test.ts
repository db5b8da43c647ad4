// 1,000 topic updates a second, published over REST, reach a wall through our client in order and
// complete, with memory flat. No fixed figures: the pace is checked against the rate the test sets
// out to send, and heap growth (after GC, sampled each second) against what keeping the updates
// sent after warm-up costs, measured in this run.
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { IDENTITY, TOKENS, api, nextEvent, testHub, until } from '../support/hub-fixtures.js';
import { RecordingSink } from '../support/recording-sink.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMB = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

const LABEL = 'Lưu lượng xe';
const update = (n: number, topics: number) => ({ topic: `bench.topic-${n % topics}.value`, value: { v: n, label: LABEL } });

/**
 * The baseline for "flat": the heap (MB) that holding `count` updates costs, each parsed from JSON
 * as the hub gets it (own strings and objects), measured here in this process. A hub or client
 * that kept every update (or a copy of each) would grow at least this much.
 */
function costOfKeepingMB(count: number, topics: number): number {
  const before = heapMB();
  const kept = Array.from({ length: count }, (_, n) => JSON.parse(JSON.stringify({ ...update(n, topics), t: Date.now() })) as unknown);
  const cost = heapMB() - before;
  expect(kept).toHaveLength(count); // keeps `kept` alive through the second measurement
  return cost;
}

describe('throughput', () => {
  let hub: Awaited<ReturnType<typeof testHub>>;
  let client: WallClient;

  beforeEach(async () => {
    hub = await testHub();
  });
  afterEach(async () => {
    client?.destroy();
    await hub.cleanup();
  });

  it('delivers 1,000 updates a second for 5 s with flat memory and no sequence gap', async () => {
    const sink = new RecordingSink();
    sink.keepUpdates = false;
    client = new WallClient({ url: hub.url, token: TOKENS.wall, identity: IDENTITY, sink, storage: memoryStorage() });
    let resyncs = 0;
    client.bus.on('resync', () => resyncs++);
    client.init();
    await nextEvent(sink, 'snapshot');

    const TOPICS = 200;
    const PER_REQUEST = 50;
    const REQUESTS_PER_SECOND = 20;
    const SECONDS = 5;
    const TARGET_RATE = PER_REQUEST * REQUESTS_PER_SECOND;
    const keepAllMB = costOfKeepingMB(TARGET_RATE * (SECONDS - 1), TOPICS);

    // In order and complete: update n carries v = n, so the wall must see 0, 1, 2, … with no gap,
    // repeat or swap (one topic's order alone would miss a swap between topics).
    let expectedV = 0;
    const disorder: string[] = [];
    sink.on('updates', (updates: { value: unknown }[]) => {
      for (const u of updates) {
        const v = (u.value as { v: number }).v;
        if (v !== expectedV && disorder.length < 5) disorder.push(`got v=${v} where v=${expectedV} was due`);
        expectedV = v + 1;
      }
    });

    let sent = 0;
    const samples: number[] = [];
    const started = Date.now();
    for (let second = 0; second < SECONDS; second++) {
      // REQUESTS_PER_SECOND requests of PER_REQUEST updates, paced over the second.
      for (let r = 0; r < REQUESTS_PER_SECOND; r++) {
        const updates = Array.from({ length: PER_REQUEST }, (_, i) => update(sent + i, TOPICS));
        const res = await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates });
        expect(res.status).toBe(202);
        sent += PER_REQUEST;
        const due = started + second * 1000 + ((r + 1) * 1000) / REQUESTS_PER_SECOND;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      samples.push(heapMB());
    }
    const elapsedS = (Date.now() - started) / 1000;
    await until(() => sink.updateCount === sent, `all ${sent} updates at the wall (got ${sink.updateCount})`, 15_000);
    // The pace held: a hub slower than the rate the test sets out to send stretches the run.
    expect(sent / elapsedS).toBeGreaterThan(0.8 * TARGET_RATE);
    expect(resyncs).toBe(0);
    expect(disorder).toEqual([]);
    expect(expectedV).toBe(sent);
    expect(sink.values.get(`bench.topic-${(sent - 1) % TOPICS}.value`)).toEqual({ v: sent - 1, label: LABEL });
    // Flat: after the first second (warm-up), the heap after GC grows by less than keeping the
    // updates sent since then would cost (measured above in this process).
    const growth = Math.max(...samples.slice(1)) - samples[0]!;
    expect(growth, `heap samples (MB): ${samples.map((s) => s.toFixed(2)).join(', ')}; keeping ${TARGET_RATE * (SECONDS - 1)} updates: ${keepAllMB.toFixed(2)} MB`).toBeLessThan(keepAllMB);
    const metrics = (await api(hub.url, 'GET', '/metrics', null)).body as string;
    expect(metrics).toContain(`wallrun_topic_updates_total ${sent}`);
  }, 60_000);
});
