import { describe, expect, it } from 'vitest';
import { EventBus } from './bus.js';
import type { WallClientEvents } from './events.js';
import { LayoutSync } from './layout-sync.js';
import { FakeHubLink } from '../../../test/support/fake-hub-link.js';

const PREPARE = { switchId: 'sw-1', layout: 'flood', deadline: Date.now() + 10_000, by: 'Lan' };
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(prepare: (p: typeof PREPARE) => Promise<{ ok: boolean; error?: string }>) {
  const link = new FakeHubLink();
  link.connected = true;
  const bus = new EventBus<WallClientEvents>();
  const errors: string[] = [];
  bus.on('error', (e) => errors.push(e.source));
  const aborts: string[] = [];
  bus.on('layoutAbort', (a) => aborts.push(a.switchId));
  const sync = new LayoutSync(link, bus, prepare);
  sync.init();
  return { link, sync, errors, aborts };
}

describe('LayoutSync (the wall side of the two-phase switch)', () => {
  it('answers a prepare once the preparer resolves, ok or with its error', async () => {
    const ok = setup(async () => ({ ok: true }));
    ok.link.emit('layout:prepare', PREPARE);
    await flush();
    expect(ok.link.sent).toEqual([{ event: 'layout:prepared', payload: { switchId: 'sw-1', ok: true } }]);

    const refused = setup(async () => ({ ok: false, error: 'không có bố cục "flood"' }));
    refused.link.emit('layout:prepare', PREPARE);
    await flush();
    expect(refused.link.sent).toEqual([{ event: 'layout:prepared', payload: { switchId: 'sw-1', ok: false, error: 'không có bố cục "flood"' } }]);

    const thrown = setup(async () => {
      throw new Error('boom');
    });
    thrown.link.emit('layout:prepare', PREPARE);
    await flush();
    expect(thrown.link.sent[0]!.payload).toEqual({ switchId: 'sw-1', ok: false, error: 'boom' });
  });

  it('drops malformed prepares and aborts with an error event, passes good aborts on', async () => {
    const s = setup(async () => ({ ok: true }));
    s.link.emit('layout:prepare', { ...PREPARE, switchId: 'bad id' });
    s.link.emit('layout:abort', { switchId: 'sw-1' });
    await flush();
    expect(s.link.sent).toEqual([]);
    expect(s.errors).toEqual(['layout:prepare', 'layout:abort']);
    s.link.emit('layout:abort', { switchId: 'sw-1', reason: 'node-2/w1 could not prepare' });
    expect(s.aborts).toEqual(['sw-1']);
  });

  it('sends hotkey requests to the hub while connected, and says when it cannot', () => {
    const s = setup(async () => ({ ok: true }));
    expect(s.sync.request('traffic')).toBe(true);
    expect(s.link.sent).toEqual([{ event: 'layout:request', payload: { layout: 'traffic' } }]);
    s.link.connected = false;
    expect(s.sync.request('traffic')).toBe(false);
    s.sync.destroy();
    expect(s.link.listenerCount()).toBe(0);
  });
});
