import { afterEach, describe, expect, it } from 'vitest';
import { loadProjectDir } from '../../node/project-loader.js';
import { checkPresetChoices } from '../../core/protocol/presets.js';
import { tempDir } from '../../../test/support/hub-fixtures.js';
import { seedDemoPresets } from './demo-presets.js';
import { HubStore } from '../storage/store.js';

const root = new URL('../../../', import.meta.url).pathname;

describe('demo presets', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const store = (): HubStore => {
    const tmp = tempDir();
    const s = HubStore.open(tmp.dir);
    cleanups.push(() => (s.destroy(), tmp.remove()));
    return s;
  };

  it('fit the shipped project, and are written once into an empty table only', () => {
    const project = loadProjectDir(root).result;
    if (!project.ok) throw new Error('the shipped project must load');
    const s = store();
    const log: string[] = [];
    seedDemoPresets(s, project.value.layouts, 1_750_000_000_000, (m) => log.push(m));
    expect(log).toEqual([]);
    const presets = s.presets.list();
    expect(presets.map((p) => p.id)).toEqual(['giao-ban-sang', 'ngap-do-thi-ca-mau', 'ung-cuu-khan-cap']);
    for (const p of presets) expect(checkPresetChoices(p.layout, p.cameras, project.value.layouts).ok).toBe(true);
    expect(presets.find((p) => p.id === 'ngap-do-thi-ca-mau')!.cameras).toHaveLength(4);

    s.presets.delete('giao-ban-sang', 1, { name: 'x', role: 'editor', via: 'x', channel: 'rest' }, 1_750_000_000_001);
    seedDemoPresets(s, project.value.layouts, 1_750_000_000_002, () => undefined); // not empty: an editor's deletion stays
    expect(s.presets.list()).toHaveLength(2);
  });

  it('leave out, with a log line, a preset the project cannot show', () => {
    const s = store();
    const log: string[] = [];
    const layouts = [{ file: 'l.yaml', id: 'overview', title: { vi: 'o', en: 'o' }, theme: 't', subdivision: { columns: 1, rows: 1 }, tiles: [] }];
    seedDemoPresets(s, layouts, 1_750_000_000_000, (m) => log.push(m));
    expect(s.presets.list().map((p) => p.id)).toEqual(['giao-ban-sang']);
    expect(log.join('\n')).toMatch(/ngap-do-thi-ca-mau left out: layout: no layout "flood"/);
  });
});
