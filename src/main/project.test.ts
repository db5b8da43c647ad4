import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Project } from '../core/wall/model.js';
import { ProjectWatcher, readProject } from './project.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('project loading for the kiosk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wallrun-kiosk-'));
    for (const p of ['wall.yaml', 'cameras.yaml', 'layouts', 'themes']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the demo project as `wallrun validate` does', () => {
    const load = readProject(ROOT);
    expect(load.ok).toBe(true);
    if (load.ok) expect(load.project.wall.screens).toHaveLength(18);
  });

  it('reports a missing wall file and bad files with file:line:column', () => {
    expect(readProject(join(dir, 'nowhere'))).toMatchObject({ ok: false, errors: [expect.stringContaining('no such file')] });
    writeFileSync(join(dir, 'wall.yaml'), 'id: [unclosed\n');
    const load = readProject(dir);
    expect(load.ok).toBe(false);
    if (!load.ok) expect(load.errors[0]).toMatch(/wall\.yaml:\d+:\d+: error/);
  });

  it('keeps the running project when an edit is bad, and takes the next good one', async () => {
    const first = readProject(dir);
    if (!first.ok) throw new Error(first.errors.join('\n'));
    const onProject = vi.fn<(p: Project) => void>();
    const onInvalid = vi.fn<(e: string[]) => void>();
    const watcher = new ProjectWatcher(dir, { onProject, onInvalid }, first.project);
    watcher.init();
    try {
      const file = join(dir, 'layouts', 'overview.yaml');
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, good.replace(/^subdivision:/m, 'subdivision: 7\nbroken:'));
      await vi.waitFor(() => expect(onInvalid).toHaveBeenCalled(), { timeout: 5000 });
      expect(onProject).not.toHaveBeenCalled();
      expect(onInvalid.mock.calls[0]![0].join('\n')).toMatch(/overview\.yaml:\d+:\d+/);
      writeFileSync(file, good.replace(/^(title:.*)$/m, '$1\n# edited'));
      writeFileSync(join(dir, 'wall.yaml'), readFileSync(join(dir, 'wall.yaml'), 'utf8').replace('viewingDistanceM: 5', 'viewingDistanceM: 6'));
      await vi.waitFor(() => expect(onProject).toHaveBeenCalled(), { timeout: 5000 });
      expect(onProject.mock.calls.at(-1)![0].wall.viewingDistanceM).toBe(6);
    } finally {
      watcher.destroy();
    }
  });
});
