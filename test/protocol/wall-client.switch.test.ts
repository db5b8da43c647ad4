// The two-phase switch from the wall client's end, against our real hub (in process): a sink with
// onLayoutPrepare makes the client announce `two-phase-switch`; the hub's prepare reaches the sink,
// its answer goes back, the commit arrives as a layout command naming the switch; a refusal makes
// the hub abort and the sink hears it; requestLayout (a hotkey) switches every window.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Layout } from '../../src/core/wall/model.js';
import type { LayoutAbort, LayoutPrepare } from '../../src/core/protocol/layout-commands.js';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { TOKENS, api, nextEvent, testHub, until } from '../support/hub-fixtures.js';
import { RecordingSink } from '../support/recording-sink.js';

const layout = (id: string): Layout => ({ file: `${id}.yaml`, id, title: { vi: id, en: id }, theme: 'control-room-dark', subdivision: { columns: 1, rows: 1 }, tiles: [] });

class TwoPhaseSink extends RecordingSink {
  public readonly prepares: LayoutPrepare[] = [];
  public readonly aborts: LayoutAbort[] = [];
  public answer: (p: LayoutPrepare) => { ok: boolean; error?: string } = () => ({ ok: true });
  public async onLayoutPrepare(p: LayoutPrepare): Promise<{ ok: boolean; error?: string }> {
    this.prepares.push(p);
    return this.answer(p);
  }
  public onLayoutAbort(a: LayoutAbort): void {
    this.aborts.push(a);
  }
}

describe('wall client ↔ hub: two-phase layout switch', () => {
  let hub: Awaited<ReturnType<typeof testHub>>;
  const clients: WallClient[] = [];
  const connect = async (window: string) => {
    const sink = new TwoPhaseSink();
    const client = new WallClient({ url: hub.url, token: TOKENS.wall, identity: { node: 'node-1', window, screens: [`s-${window}`] }, sink, storage: memoryStorage() });
    clients.push(client);
    client.init();
    await nextEvent(sink, 'snapshot');
    return { client, sink };
  };

  beforeEach(async () => {
    hub = await testHub({ layouts: ['overview', 'flood'].map(layout) });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await hub.cleanup();
  });

  it('prepares through the sink, then gets the commit as a layout command naming the switch', async () => {
    const a = await connect('w1');
    const b = await connect('w2');
    const commit = nextEvent(b.sink, 'layout');
    const res = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' });
    expect(res.status).toBe(202);
    expect(a.sink.prepares.map((p) => p.layout)).toEqual(['flood']);
    const c = await commit;
    expect(c.commandId).toBe(a.sink.prepares[0]!.switchId);
    expect(c.localAt).toBeCloseTo(c.at - (b.client.clockSync?.offsetMs ?? 0), 5);
    expect(res.body.switch.windows.map((w: { prepare: string }) => w.prepare)).toEqual(['ok', 'ok']);
  });

  it('a refusal aborts the switch: every sink hears the abort, and the hub names the window', async () => {
    const a = await connect('w1');
    const b = await connect('w2');
    b.sink.answer = () => ({ ok: false, error: 'không có bố cục' });
    const res = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual(['node-1/w2: không có bố cục']);
    await until(() => a.sink.aborts.length === 1 && b.sink.aborts.length === 1, 'both aborts');
    expect(a.sink.layouts).toEqual([]);
  });

  it('requestLayout (a hotkey) switches every window through the hub', async () => {
    const a = await connect('w1');
    const b = await connect('w2');
    const commits = [nextEvent(a.sink, 'layout'), nextEvent(b.sink, 'layout')];
    expect(a.client.requestLayout('flood')).toBe(true);
    const [ca, cb] = await Promise.all(commits);
    expect(ca.commandId).toBe(cb.commandId);
    expect(ca.by).toBe('node-1/w1');
  });
});
