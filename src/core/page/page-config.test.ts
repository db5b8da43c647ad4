/**
 * The one page-config builder: every host's page carries the identify layout exactly once, the
 * first layout follows one rule, and what a host leaves out stays out of the config.
 */
import { describe, expect, it } from 'vitest';
import { IDENTIFY_HOTKEY, IDENTIFY_LAYOUT_ID } from '../displays/identify.js';
import { assumedDisplays, planWindows } from '../displays/window-plan.js';
import type { Layout, Theme } from '../wall/model.js';
import { makeWall } from '../../../test/support/wall-fixtures.js';
import { checkPageConfig } from './host-api.js';
import { buildPageConfig, initialLayoutOf } from './page-config.js';

const wall = makeWall();
const project = {
  wall,
  layouts: [{ id: wall.defaultLayout, theme: wall.defaultTheme, tiles: [] } as unknown as Layout, { id: 'other', theme: wall.defaultTheme, tiles: [] } as unknown as Layout],
  themes: [{ id: wall.defaultTheme } as Theme],
};
const window = planWindows(wall, 'node-1', assumedDisplays(wall, 'node-1'))[0]!;
const base = { lang: 'vi' as const, scale: 0.5, cameraBase: 'c/', assetBase: 'a/' };

describe('buildPageConfig', () => {
  it('adds the identify layout once, after the project layouts, with its hotkey', () => {
    const config = buildPageConfig(project, window, base);
    expect(config.layouts.map((l) => l.id)).toEqual([wall.defaultLayout, 'other', IDENTIFY_LAYOUT_ID]);
    expect(config.layouts.at(-1)!.hotkey).toBe(IDENTIFY_HOTKEY);
    const again = buildPageConfig({ ...project, layouts: config.layouts }, window, base);
    expect(again.layouts.filter((l) => l.id === IDENTIFY_LAYOUT_ID)).toHaveLength(1);
  });

  it('shows the layout asked for when the page has it (the identify layout included), else the default', () => {
    expect(buildPageConfig(project, window, { ...base, layout: 'other' }).initialLayout).toBe('other');
    expect(buildPageConfig(project, window, { ...base, layout: IDENTIFY_LAYOUT_ID }).initialLayout).toBe(IDENTIFY_LAYOUT_ID);
    expect(buildPageConfig(project, window, { ...base, layout: 'nope' }).initialLayout).toBe(wall.defaultLayout);
    expect(initialLayoutOf(project, undefined)).toBe(wall.defaultLayout);
  });

  it('passes what the host chose and leaves out what it did not', () => {
    const bare = buildPageConfig(project, window, base);
    expect(bare).toMatchObject({ window, lang: 'vi', scale: 0.5, cameraBase: 'c/', assetBase: 'a/', demoFeed: false });
    expect(bare).not.toHaveProperty('hub');
    expect(bare).not.toHaveProperty('darkScreens');
    expect(bare).not.toHaveProperty('review');
    const full = buildPageConfig(project, window, { ...base, demoFeed: true, review: true, darkScreens: ['r1c1'], hub: { url: 'http://h:1', token: 't' } });
    expect(full).toMatchObject({ demoFeed: true, review: true, darkScreens: ['r1c1'], hub: { url: 'http://h:1', token: 't' } });
    expect(checkPageConfig(bare)).toEqual([]);
  });

  it('passes a frozen wall through and checks it: a time and an integer seed, never with a hub', () => {
    const frozen = { at: Date.parse('2026-12-06T09:30:00+07:00'), seed: 1 };
    const config = buildPageConfig(project, window, { ...base, frozen });
    expect(config.frozen).toEqual(frozen);
    expect(checkPageConfig(config)).toEqual([]);
    expect(checkPageConfig({ ...config, frozen: { at: 'now', seed: 1 } })).toEqual(['frozen must be { at: epoch ms, seed: integer }']);
    expect(checkPageConfig({ ...config, hub: { url: 'http://h:1', token: 't' } })).toContain('frozen is for a page without a hub');
  });

  it('checks the render backend: auto, webgl or canvas', () => {
    const config = buildPageConfig(project, window, base);
    for (const backend of ['auto', 'webgl', 'canvas'] as const) expect(checkPageConfig({ ...config, render: { backend } })).toEqual([]);
    expect(checkPageConfig({ ...config, render: {} })).toEqual([]);
    expect(checkPageConfig({ ...config, render: { backend: 'webgpu' } })).toEqual(['render.backend must be "auto", "webgl" or "canvas"']);
    expect(checkPageConfig({ ...config, render: 'canvas' })).toEqual(['render must be an object']);
  });
});
