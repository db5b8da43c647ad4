// The wall client with its sockets in a worker (src/renderer/net/socket-host.ts, worker-socket.ts)
// against our real hub: the page's half and the worker's half joined by a MessageChannel, so every
// message is structured-cloned and delivered asynchronously as between a page and its worker.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import type { SocketFactory, WallSocket } from '../../src/renderer/net/connection.js';
import { SocketHost, type HostCommand, type HostEvent, type HostedSocket } from '../../src/renderer/net/socket-host.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { WorkerSocketFactory } from '../../src/renderer/net/worker-socket.js';
import { IDENTITY, TOKENS, api, nextBusEvent, nextEvent, testHub, until } from '../support/hub-fixtures.js';
import { RecordingSink } from '../support/recording-sink.js';

type TestHub = Awaited<ReturnType<typeof testHub>>;

/** A worker stand-in: a SocketHost on one end of a MessageChannel; `crash()` fails it. */
function pairedLink(): { factory: WorkerSocketFactory; host: SocketHost; pageThreadSockets: string[]; crash(reason: string): void; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const host = new SocketHost(
    (e) => port2.postMessage(e),
    (url, options) => io(url, options) as unknown as HostedSocket,
  );
  port2.on('message', (c: HostCommand) => host.handle(c));
  const failures: ((reason: string) => void)[] = [];
  const pageThreadSockets: string[] = [];
  const pageThread: SocketFactory = (url, options) => {
    pageThreadSockets.push(url);
    return io(url, options) as WallSocket;
  };
  const page: MessagePort = port1;
  const factory = new WorkerSocketFactory(
    {
      post: (c) => page.postMessage(c),
      onEvent: (listener) => page.on('message', (e: HostEvent) => listener(e)),
      onFailure: (listener) => failures.push(listener),
      close: () => page.close(),
    },
    pageThread,
  );
  return {
    factory,
    host,
    pageThreadSockets,
    crash: (reason) => {
      port2.close();
      for (const f of failures) f(reason);
    },
    close: () => {
      factory.destroy();
      port2.close();
    },
  };
}

describe('wall client ↔ hub, sockets in a worker', () => {
  let hub: TestHub;
  const clients: WallClient[] = [];
  const links: ReturnType<typeof pairedLink>[] = [];

  const connect = () => {
    const link = pairedLink();
    links.push(link);
    const sink = new RecordingSink();
    const client = new WallClient({
      url: hub.url,
      token: TOKENS.wall,
      identity: IDENTITY,
      sink,
      storage: memoryStorage(),
      socketFactory: link.factory.factory,
      config: { reconnect: { baseMs: 50, maxMs: 500, refusedRetryMs: 60_000 }, clock: { samples: 4, sampleGapMs: 0 } },
    });
    clients.push(client);
    client.init();
    return { client, sink, link };
  };

  beforeEach(async () => {
    hub = await testHub({ layouts: [] });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const l of links.splice(0)) l.close();
    await hub.cleanup();
  });

  it('connects, gets its snapshot and live data, and its ack is committed once, all through the worker', async () => {
    await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'flood.level.nam-can', value: 1.2 }] });
    const { client, sink, link } = connect();
    const snap = await nextEvent(sink, 'snapshot');
    expect(snap.values).toEqual([expect.objectContaining({ topic: 'flood.level.nam-can', value: 1.2 })]);
    expect(link.factory.thread).toBe('worker');
    expect(link.host.size).toBe(1);
    expect(link.pageThreadSockets).toEqual([]);

    await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'flood.level.nam-can', value: 1.3 }] });
    await until(() => sink.values.get('flood.level.nam-can') === 1.3, 'the live update');

    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'flood-w', severity: 'critical', sector: 'flood', area: 'Năm Căn', title: 'Sạt lở bờ bao' });
    await nextEvent(sink, 'alert', (e) => e.kind === 'raised');
    const confirmed = nextBusEvent(client.bus, 'ackConfirmed');
    const pending = client.acknowledge('flood-w', 'Trần Văn Bình', 'r1c2');
    expect(((await confirmed) as { result: { committed: boolean } }).result.committed).toBe(true);
    const detail = await api(hub.url, 'GET', '/api/alerts/flood-w', TOKENS.operator);
    expect(detail.body.ack).toMatchObject({ ackId: pending.ackId, operator: 'Trần Văn Bình' });
    expect(client.clockSync, 'the clock sync’s request/reply crossed the worker').not.toBeNull();
  });

  it('reconnects through the worker with a fresh snapshot; the old socket is closed in the worker', async () => {
    const { client, sink, link } = connect();
    await nextEvent(sink, 'snapshot');
    await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'flood.level.nam-can', value: 2.5 }] });
    client.reconnect();
    const again = await nextEvent(sink, 'snapshot');
    expect(again.values).toEqual([expect.objectContaining({ topic: 'flood.level.nam-can', value: 2.5 })]);
    expect(sink.snapshots).toHaveLength(2);
    expect(link.host.size, 'one socket in the worker, the old one closed').toBe(1);
    expect(link.pageThreadSockets).toEqual([]);
  });

  it('a failed worker: the attempt fails, the link comes back on the page’s thread and says why', async () => {
    const { client, sink, link } = connect();
    await nextEvent(sink, 'snapshot');
    link.crash('Uncaught TypeError in the worker');
    await until(() => sink.snapshots.length === 2 && client.connected, 'the link back on the page thread');
    expect(link.factory.thread).toBe('page');
    expect(link.factory.failed).toBe('Uncaught TypeError in the worker');
    expect(link.pageThreadSockets).toHaveLength(1);
    const reason = sink.states.find((s) => s.state === 'reconnecting')?.reason;
    expect(reason).toContain("the hub link's worker failed (Uncaught TypeError in the worker)");
  });
});
