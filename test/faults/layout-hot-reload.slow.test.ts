/**
 * Fault: a bad layout is saved while a good project runs. The kiosk's project watcher
 * (src/main/project.ts, as src/main/main.ts wires it) refuses it with diagnostics naming
 * file:line:col and the field; the wall page keeps drawing the good layout (frames advance, same
 * tiles and text); the next good save is taken and a page loaded with it shows the change. The
 * watcher alone: src/main/project.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/core/wall/model.js';
import { buildPageConfig } from '../../src/core/page/page-config.js';
import { ProjectWatcher, readProject } from '../../src/main/project.js';
import { scratchProject } from '../support/cli.js';
import { windowFor } from '../support/fixtures.js';
import { WallBrowser, debugState, waitForState, type WallWindow } from '../support/wall-browser.js';

const HOT = `id: hot
title: { vi: "Thử tải nóng", en: "Hot reload" }
theme: control-room-dark
tiles:
  - id: note
    widget: text
    cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }
    props: { text: "Bình thường" }
`;

/** Resolves on the watcher's next verdict. */
class Verdicts {
  public readonly projects: Project[] = [];
  public readonly refusals: string[][] = [];
  private wake: (() => void) | null = null;
  public readonly hooks = {
    onProject: (p: Project) => void (this.projects.push(p), this.wake?.()),
    onInvalid: (e: string[]) => void (this.refusals.push(e), this.wake?.()),
  };
  public next(count: () => number, n: number, what: string): Promise<void> {
    if (count() >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within 10 s`)), 10_000);
      this.wake = () => {
        if (count() < n) return;
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

describe('fault: a bad layout hot-reloaded while a good one runs', () => {
  let browser: WallBrowser;
  const project = scratchProject();
  beforeAll(async () => {
    project.write('layouts/hot.yaml', HOT);
    browser = await WallBrowser.start();
  });
  afterAll(async () => {
    await browser?.close();
    project.remove();
  });

  const open = (p: Project): Promise<WallWindow> => {
    const hot = p.layouts.find((l) => l.id === 'hot')!;
    const config = buildPageConfig({ wall: p.wall, layouts: [hot], themes: p.themes }, windowFor(p.wall, 'node-1'), { lang: 'vi', scale: 0.1, cameraBase: '', assetBase: '', review: false });
    return browser.open({ ...config, initialLayout: 'hot' });
  };
  const noteText = async (win: WallWindow): Promise<string> => (await debugState(win)).tiles.find((t) => t.id === 'note')!.texts.map((t) => t.text).join(' ');

  it('refuses the bad file with file:line:col, keeps the good layout drawing, takes the next good save', async () => {
    const first = readProject(project.dir);
    if (!first.ok) throw new Error(first.errors.join('\n'));
    const verdicts = new Verdicts();
    const watcher = new ProjectWatcher(project.dir, verdicts.hooks, first.project);
    watcher.init();
    try {
      const win = await open(first.project);
      await waitForState(win, (s) => s.layout === 'hot' && s.tiles.every((t) => t.ready));
      expect(await noteText(win)).toContain('Bình thường');

      // A bad save: an unknown widget on line 6.
      const file = join(project.dir, 'layouts', 'hot.yaml');
      writeFileSync(file, HOT.replace('widget: text', 'widget: txet').replace('Bình thường', 'Lỗi'));
      await verdicts.next(() => verdicts.refusals.length, 1, 'refusal');
      const errors = verdicts.refusals[0]!.join('\n');
      expect(errors).toMatch(/layouts\/hot\.yaml:6:\d+/);
      expect(errors).toMatch(/widget/);
      expect(verdicts.projects).toHaveLength(0);
      // The running page is untouched: still drawing frames, same layout and text.
      const frame = (await debugState(win)).frame;
      const still = await waitForState(win, (s, f) => s.frame > f + 5, frame);
      expect(still.layout).toBe('hot');
      expect(await noteText(win)).toContain('Bình thường');
      await browser.closeWindows();

      // A good save is taken, and a page loaded with it (as the kiosk reloads its windows) shows it.
      writeFileSync(file, readFileSync(file, 'utf8').replace('widget: txet', 'widget: text').replace('Lỗi', 'Đã sửa'));
      await verdicts.next(() => verdicts.projects.length, 1, 'new project');
      const next = await open(verdicts.projects[0]!);
      await waitForState(next, (s) => s.layout === 'hot' && s.tiles.every((t) => t.ready));
      expect(await noteText(next)).toContain('Đã sửa');
      await browser.closeWindows();
    } finally {
      watcher.destroy();
    }
  });
});
