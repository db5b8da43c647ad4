import { afterEach, describe, expect, it } from 'vitest';
import { loadProjectDir } from '../../node/project-loader.js';
import { checkPresetChoices } from '../../core/protocol/presets.js';
import { tempDir } from '../../../test/support/hub-fixtures.js';
import { seedDemoPresets } from './demo-presets.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';

const root = new URL('../../../', import.meta.url).pathname;

describe('demo presets', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const store = (): SqliteStore => {
    const tmp = tempDir();
    const s = SqliteStore.open(tmp.dir);
    cleanups.push(() => (void s.destroy(), tmp.remove()));
    return s;
  };

  it('fit the shipped project, and are written once into an empty table only', async () => {
    const project = loadProjectDir(root).result;
    if (!project.ok) throw new Error('the shipped project must load');
    const s = store();
    const log: string[] = [];
    await seedDemoPresets(s, project.value.layouts, 1_750_000_000_000, (m) => log.push(m));
    expect(log).toEqual([]);
    const presets = (await s.presets.list());
    expect(presets.map((p) => p.id)).toEqual(['giao-ban-sang', 'ngap-do-thi-ca-mau', 'ung-cuu-khan-cap']);
    for (const p of presets) expect(checkPresetChoices(p.layout, p.cameras, project.value.layouts).ok).toBe(true);
    expect(presets.find((p) => p.id === 'ngap-do-thi-ca-mau')!.cameras).toHaveLength(4);

    await s.presets.delete('giao-ban-sang', 1, { name: 'x', role: 'editor', via: 'x', channel: 'rest' }, 1_750_000_000_001);
    await seedDemoPresets(s, project.value.layouts, 1_750_000_000_002, () => undefined); // not empty: an editor's deletion stays
    expect((await s.presets.list())).toHaveLength(2);
  });

  it('leave out, with a log line, a preset the project cannot show', async () => {
    const s = store();
    const log: string[] = [];
    const layouts = [{ file: 'l.yaml', id: 'overview', title: { vi: 'o', en: 'o' }, theme: 't', subdivision: { columns: 1, rows: 1 }, tiles: [] }];
    await seedDemoPresets(s, layouts, 1_750_000_000_000, (m) => log.push(m));
    expect((await s.presets.list()).map((p) => p.id)).toEqual(['giao-ban-sang']);
    expect(log.join('\n')).toMatch(/ngap-do-thi-ca-mau left out: layout: no layout "flood"/);
  });
});
