import { describe, expect, it } from 'vitest';
import type { LayoutCommand, LayoutSwitched } from '../../core/protocol/layout-commands.js';
import { sceneKey } from '../../core/protocol/presets.js';
import { LayoutFollower } from './layout-follower.js';

const cmd = (commandId: string, layout: string, at = 1000): LayoutCommand => ({ commandId, layout, at, issuedAt: at - 500, by: 'Lan' });

function setup() {
  let current = 'overview';
  let busy = false;
  const switches: LayoutCommand[] = [];
  const reports: LayoutSwitched[] = [];
  const dropped: string[] = [];
  let finish: (ok: boolean) => void = () => undefined;
  const f = new LayoutFollower({
    current: () => current,
    busy: () => busy,
    switchTo: (c) => {
      switches.push(c);
      return new Promise<boolean>((resolve) => {
        finish = (ok) => {
          if (ok) {
            current = sceneKey(c.layout, c.preset);
            f.onSwitched(c.layout, c.at + 3);
          }
          resolve(ok);
        };
      });
    },
    drop: (id) => void dropped.push(id),
    report: (r) => void reports.push(r),
  });
  return { f, switches, reports, dropped, finish: (ok = true) => finish(ok), setBusy: (b: boolean) => (busy = b), tick: () => Promise.resolve() };
}

describe('layout follower', () => {
  it('switches between the same layout as its file says and through a preset, and between preset versions', async () => {
    const s = setup();
    const preset = (version: number) => ({ id: 'ngap', version, cameras: [{ tile: 'st-1', source: 'a.m3u8' }] });
    s.f.follow({ ...cmd('c0', 'overview'), preset: preset(1) });
    expect(s.switches.map((c) => c.commandId)).toEqual(['c0']);
    s.finish();
    await new Promise((r) => setImmediate(r)); // the follower's promise chain settles
    s.f.follow({ ...cmd('c1', 'overview'), preset: preset(1) }); // the same preset again: nothing to build
    expect(s.switches).toHaveLength(1);
    expect(s.dropped).toEqual(['c1']);
    s.f.follow({ ...cmd('c2', 'overview'), preset: preset(2) });
    expect(s.switches.map((c) => c.commandId)).toEqual(['c0', 'c2']);
    s.finish();
    await new Promise((r) => setImmediate(r)); // the follower's promise chain settles
    s.f.follow(cmd('c3', 'overview'));
    expect(s.switches.map((c) => c.commandId)).toEqual(['c0', 'c2', 'c3']);
  });

  it('switches at the command time and reports the swap with its command id', async () => {
    const s = setup();
    s.f.follow(cmd('c1', 'flood'));
    expect(s.switches).toEqual([cmd('c1', 'flood')]);
    s.finish();
    await s.tick();
    expect(s.reports).toEqual([{ commandId: 'c1', layout: 'flood', at: 1003 }]);
    s.f.follow(cmd('c1', 'flood')); // the reconnect snapshot repeats it: nothing happens
    expect(s.switches).toHaveLength(1);
  });

  it('waits while another switch holds the scene, then applies the newest command', async () => {
    const s = setup();
    s.setBusy(true);
    s.f.follow(cmd('c1', 'flood'));
    s.f.follow(cmd('c2', 'traffic'));
    expect(s.switches).toEqual([]);
    s.setBusy(false);
    s.f.pump();
    expect(s.switches.map((c) => c.commandId)).toEqual(['c2']);
  });

  it('a command for the layout on screen is applied without a switch (and its prepared scene dropped)', () => {
    const s = setup();
    s.f.follow(cmd('c3', 'overview'));
    expect(s.switches).toEqual([]);
    expect(s.dropped).toEqual(['c3']);
  });

  it('a local switch is reported without a command id', () => {
    const s = setup();
    s.f.onSwitched('traffic', 2000);
    expect(s.reports).toEqual([{ commandId: null, layout: 'traffic', at: 2000 }]);
  });
});
