import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/hub-fixtures.js';
import { loadFederation, loadHubProject } from './hub.js';
import { collectDeadlines } from '../hub/deadlines.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('wallrun hub: the project it loads', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) d.remove();
  });

  it("takes layout ids and Sơn La's 17:00 deadlines from the shipped layouts", () => {
    const lines: string[] = [];
    const project = loadHubProject(root, (l) => lines.push(l));
    expect(project.layouts.length).toBeGreaterThan(0);
    expect(project.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(collectDeadlines(project.layouts).get('sonla.budget.disbursement-rate')).toBe('17:00');
    // automation.yaml beside wall.yaml: the hub runs its schedule and takeover rules.
    expect(project.automation.schedule.map((e) => e.id)).toContain('bao-cao-17h');
    expect(project.automation.takeover.rules.map((r) => r.id)).toEqual(['lu-lut', 'su-co-an-ninh']);
  });

  it('keeps the valid layouts of a project with a broken file, and says which', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    for (const p of ['wall.yaml', 'cameras.yaml', 'layouts', 'themes']) cpSync(path.join(root, p), path.join(tmp.dir, p), { recursive: true });
    mkdirSync(path.join(tmp.dir, 'layouts'), { recursive: true });
    writeFileSync(path.join(tmp.dir, 'layouts', 'zz-broken.yaml'), 'id: broken\ntiles: [\n');
    const lines: string[] = [];
    const project = loadHubProject(tmp.dir, (l) => lines.push(l));
    expect(project.layouts.map((l) => l.id)).not.toContain('broken');
    expect(project.layouts.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/zz-broken\.yaml:\d+:\d+: error/);
    expect(lines.at(-1)).toMatch(/using the \d+ valid layout/);
  });

  it('reads federation.yaml beside wall.yaml when there is one, and will not start on one with errors', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const lines: string[] = [];
    expect(loadFederation(tmp.dir, (l) => lines.push(l))).toBeUndefined();
    writeFileSync(path.join(tmp.dir, 'federation.yaml'), 'role: province\nid: son-la\nnats: nats://127.0.0.1:4222\nsubCentres: [moc-chau]\n');
    expect(loadFederation(tmp.dir, (l) => lines.push(l))).toMatchObject({ role: 'province', subCentres: ['moc-chau'] });
    writeFileSync(path.join(tmp.dir, 'federation.yaml'), 'role: sub-centre\nid: moc-chau\nnats: nats://127.0.0.1:4222\n');
    expect(() => loadFederation(tmp.dir, (l) => lines.push(l))).toThrow(/federation\.yaml has errors/);
    expect(lines).toEqual([expect.stringMatching(/federation\.yaml:1:7: error: role: a sub-centre needs "forward"$/)]);
  });

  it('reads forecasts.yaml; with a baseline for a hazard topic it prints the error and runs no baseline at all', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    for (const p of ['wall.yaml', 'cameras.yaml', 'layouts', 'themes']) cpSync(path.join(root, p), path.join(tmp.dir, p), { recursive: true });
    writeFileSync(path.join(tmp.dir, 'forecasts.yaml'), 'hazards: [flood.water-level.*]\nbaseline:\n  - { topic: energy.load.total }\n');
    expect(loadHubProject(tmp.dir, () => undefined).forecasts.baseline.map((b) => b.topic)).toEqual(['energy.load.total']);
    writeFileSync(path.join(tmp.dir, 'forecasts.yaml'), 'hazards: [flood.water-level.*]\nbaseline:\n  - { topic: energy.load.total }\n  - { topic: flood.water-level.cau-rong }\n');
    const lines: string[] = [];
    const project = loadHubProject(tmp.dir, (l) => lines.push(l));
    expect(project.forecasts).toEqual({ hazards: [], baseline: [] });
    expect(lines.join('\n')).toMatch(/forecasts\.yaml:4:\d+: error: baseline\[1\]\.topic: "flood\.water-level\.cau-rong" is a hazard topic/);
  });
});
