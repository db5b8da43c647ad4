import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/cli.js';

const shipped = [
  'wall.yaml',
  ...readdirSync(join(repoRoot, 'layouts')).map((f) => `layouts/${f}`),
  ...readdirSync(join(repoRoot, 'themes')).map((f) => `themes/${f}`),
].filter((f) => f.endsWith('.yaml'));

describe('shipped files', () => {
  it('include the five IOC layouts the demo promises', () => {
    for (const id of ['overview', 'traffic', 'warnings', 'flood', 'emergency']) expect(shipped).toContain(`layouts/${id}.yaml`);
  });

  it.each(shipped)('%s names its JSON Schema on its first line, so editors check it', (file) => {
    const first = readFileSync(join(repoRoot, file), 'utf8').split('\n')[0] ?? '';
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match, first).not.toBeNull();
    const schema = resolve(dirname(join(repoRoot, file)), match![1]!);
    const kind = file === 'wall.yaml' ? 'wall' : file.startsWith('layouts/') ? 'layout' : 'theme';
    expect(schema).toBe(join(repoRoot, `schemas/${kind}.schema.json`));
    expect(existsSync(schema)).toBe(true);
  });

  it.each(shipped.filter((f) => f.startsWith('layouts/')))('%s: every KPI tile has its own title, in both languages, apart from its caption', (file) => {
    type Text = string | { vi: string; en?: string };
    const doc = parse(readFileSync(join(repoRoot, file), 'utf8')) as { tiles: { id: string; widget: string; title?: Text; props?: { label?: Text } }[] };
    const kpis = doc.tiles.filter((t) => t.widget === 'kpi');
    for (const lang of ['vi', 'en'] as const) {
      const word = (t: Text | undefined): string => (t === undefined ? '' : typeof t === 'string' ? t : lang === 'en' ? (t.en ?? t.vi) : t.vi);
      const titles = kpis.map((t) => word(t.title));
      for (const [i, t] of titles.entries()) expect(t, `${kpis[i]!.id} has no title`).not.toBe('');
      expect(new Set(titles).size, titles.join(' | ')).toBe(titles.length);
      for (const t of kpis) expect(word(t.title)).not.toBe(word(t.props?.label));
    }
  });
});

