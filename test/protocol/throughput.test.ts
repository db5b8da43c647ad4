// 1,000 topic updates a second, published over REST, reach a wall through our client in order and
// complete, with memory flat (heap after GC, sampled each second, grows by no more than a few MB).
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
    const SECONDS = 5;
    let sent = 0;
    const samples: number[] = [];
    const started = Date.now();
    for (let second = 0; second < SECONDS; second++) {
      // 20 requests of 50 updates, paced over the second.
      for (let r = 0; r < 20; r++) {
        const updates = Array.from({ length: PER_REQUEST }, (_, i) => ({
          topic: `bench.topic-${(sent + i) % TOPICS}.value`,
          value: { v: sent + i, label: 'Lưu lượng xe' },
        }));
        const res = await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates });
        expect(res.status).toBe(202);
        sent += PER_REQUEST;
        const due = started + second * 1000 + (r + 1) * 50;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      samples.push(heapMB());
    }
    const elapsedS = (Date.now() - started) / 1000;
    await until(() => sink.updateCount === sent, `all ${sent} updates at the wall (got ${sink.updateCount})`, 15_000);
    expect(sent / elapsedS).toBeGreaterThan(800); // the pace held
    expect(resyncs).toBe(0);
    expect(sink.values.get(`bench.topic-${(sent - 1) % TOPICS}.value`)).toEqual({ v: sent - 1, label: 'Lưu lượng xe' });
    // Flat: after the first second (warm-up), the heap after GC stays within a few MB.
    const growth = Math.max(...samples.slice(1)) - samples[1]!;
    expect(growth, `heap samples (MB): ${samples.map((s) => s.toFixed(1)).join(', ')}`).toBeLessThan(8);
    const metrics = (await api(hub.url, 'GET', '/metrics', null)).body as string;
    expect(metrics).toContain(`wallrun_topic_updates_total ${sent}`);
  }, 60_000);
});
