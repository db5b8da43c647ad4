/**
 * The current scene slot and layout switches: the next layout is built hidden (widgets created,
 * cameras started, all `ready` resolved or timed out to placeholders), then swapped in on one
 * frame and the old scene destroyed after. A missing or invalid layout is refused with an error
 * and the current scene stays.
 */
import type { Layout } from '../../core/wall/model.js';
import type { PageEvent } from '../../core/page/host-messages.js';
import { applyPresetCameras, sceneKey } from '../../core/protocol/presets.js';
import type { PresetRef } from '../../core/protocol/layout-commands.js';
import type { Store } from '../store.js';
import { Scene, type SceneOptions } from './scene.js';

export type SceneSettings = Omit<SceneOptions, 'layout' | 'theme'>;

export interface SceneManagerDeps {
  settings: SceneSettings;
  layouts: readonly Layout[];
  themes: readonly import('../../core/wall/model.js').Theme[];
  store: Store;
  emit(event: PageEvent): void;
  /**
   * Runs `fn` at the start of the next frame (or the first frame at or after wall time
   * `notBefore`), before rendering; resolves with the frame number.
   */
  onNextFrame(fn: () => void, notBefore?: number): Promise<number>;
}

/** A scene built hidden for a two-phase switch (`key`: the hub's switchId), waiting for commit or abort. */
interface Prepared {
  key: string;
  layoutId: string;
  preset: PresetRef | null;
  scene: Scene | null;
  dropped: boolean;
}

export class SceneManager {
  public current: Scene | null = null;
  /** The preset the current scene was built with (null: the layout as its file says). */
  public currentPreset: PresetRef | null = null;
  private pending: Promise<boolean> | null = null;
  private prepared: Prepared | null = null;

  public constructor(private readonly deps: SceneManagerDeps) {}

  public get switching(): boolean {
    return this.pending !== null || this.prepared !== null;
  }

  public layoutIds(): string[] {
    return this.deps.layouts.map((l) => l.id);
  }

  /** What the current scene shows: layout id, plus preset and version (core/presets.ts sceneKey). */
  public get currentKey(): string | null {
    return this.current ? sceneKey(this.current.options.layout.id, this.currentPreset) : null;
  }

  /**
   * Builds a scene for `layoutId` (its camera tiles re-pointed by `preset`) without showing it;
   * throws on a missing layout or theme.
   */
  public build(layoutId: string, preset: PresetRef | null = null): Scene {
    const file = this.deps.layouts.find((l) => l.id === layoutId);
    const layout = file && preset ? applyPresetCameras(file, preset.cameras) : file;
    if (!layout) throw new SwitchError('layout-missing', `không có bố cục "${layoutId}" (no such layout)`);
    const theme = this.deps.themes.find((t) => t.id === layout.theme);
    if (!theme) throw new SwitchError('layout-invalid', `bố cục "${layoutId}": thiếu chủ đề "${layout.theme}"`);
    if (!Array.isArray(layout.tiles)) throw new SwitchError('layout-invalid', `bố cục "${layoutId}": no tiles`);
    return new Scene({ ...this.deps.settings, layout, theme });
  }

  /**
   * Switches to `layoutId` (on the first frame at or after wall time `at`, when given); resolves
   * true once the new scene is on screen, false when refused
   * (an error event says why). One switch at a time: a second request while one is under way is
   * refused rather than queued, so a held PageDown cannot pile up hidden scenes.
   */
  public switchTo(layoutId: string, at?: number, preset: PresetRef | null = null): Promise<boolean> {
    if (this.pending || this.prepared) {
      this.deps.emit({ type: 'error', code: 'switch-busy', message: 'a layout switch is under way', layout: layoutId });
      return Promise.resolve(false);
    }
    const run = this.run(layoutId, at, preset).finally(() => {
      this.pending = null;
    });
    this.pending = run;
    return run;
  }

  /**
   * Two-phase switch, phase 1: builds `layoutId` hidden (widgets created, streams started, every
   * `ready` resolved or timed out) and keeps it under `key` until commitPrepared or abortPrepared.
   * Resolves ok, or not with why (a missing or invalid layout, a switch under way).
   */
  public async prepare(key: string, layoutId: string, preset: PresetRef | null = null): Promise<{ ok: boolean; error?: string }> {
    if (this.pending || this.prepared) return { ok: false, error: 'switch-busy: a layout switch is under way' };
    const slot: Prepared = { key, layoutId, preset, scene: null, dropped: false };
    this.prepared = slot;
    const next = this.buildOrReport(layoutId, preset);
    if (!next) {
      this.prepared = null;
      return { ok: false, error: `cannot build layout "${layoutId}" here` };
    }
    next.prime(this.deps.store);
    await next.whenReady();
    if (slot.dropped) {
      next.destroy();
      return { ok: false, error: 'aborted while preparing' };
    }
    slot.scene = next;
    return { ok: true };
  }

  /**
   * Two-phase switch, phase 2: shows the scene prepared under `key` on the first frame at or after
   * wall time `at`. A window that has none ready (it joined after the prepare) builds `layoutId`
   * now and swaps as soon as it can, never before `at`.
   */
  public commitPrepared(key: string, layoutId: string, at?: number, preset: PresetRef | null = null): Promise<boolean> {
    const p = this.prepared;
    const same = p !== null && p.key === key && sceneKey(p.layoutId, p.preset) === sceneKey(layoutId, preset);
    if (!p || !same || !p.scene) {
      if (p && p.key === key) this.abortPrepared(key);
      return this.switchTo(layoutId, at, preset);
    }
    this.prepared = null;
    const next = p.scene;
    const run = this.swap(next, layoutId, at, preset).finally(() => {
      this.pending = null;
    });
    this.pending = run;
    return run;
  }

  /** Drops the scene prepared under `key` (built or still building); the current scene stays. */
  public abortPrepared(key: string): boolean {
    const p = this.prepared;
    if (!p || p.key !== key) return false;
    this.prepared = null;
    p.dropped = true;
    p.scene?.destroy();
    return true;
  }

  /** The key of the scene prepared or being prepared, if any. */
  public get preparedKey(): string | null {
    return this.prepared?.key ?? null;
  }

  private buildOrReport(layoutId: string, preset: PresetRef | null): Scene | null {
    try {
      return this.build(layoutId, preset);
    } catch (err) {
      const code = err instanceof SwitchError ? err.code : 'layout-invalid';
      this.deps.emit({ type: 'error', code, message: (err as Error).message, layout: layoutId });
      return null;
    }
  }

  private async run(layoutId: string, at: number | undefined, preset: PresetRef | null): Promise<boolean> {
    const next = this.buildOrReport(layoutId, preset);
    if (!next) return false;
    next.prime(this.deps.store);
    await next.whenReady();
    return this.swap(next, layoutId, at, preset);
  }

  private async swap(next: Scene, layoutId: string, at: number | undefined, preset: PresetRef | null): Promise<boolean> {
    const old = this.current;
    let swappedAt = 0;
    const frame = await this.deps.onNextFrame(() => {
      this.current = next;
      this.currentPreset = preset;
      swappedAt = this.deps.settings.now(); // in the swap frame, before it renders
    }, at);
    const from = old?.options.layout.id ?? '';
    old?.destroy();
    if (old) this.deps.emit({ type: 'layoutSwitched', from, to: layoutId, at: swappedAt, frame });
    return true;
  }

  /** The manager's end (WallApp.destroy): the prepared scene and the current one are destroyed. */
  public destroy(): void {
    if (this.prepared) this.abortPrepared(this.prepared.key);
    this.clear();
  }

  /** Drops the current scene (context loss); the caller rebuilds with switchTo. */
  public clear(): void {
    this.current?.destroy();
    this.current = null;
    this.currentPreset = null;
  }
}

export class SwitchError extends Error {
  public constructor(
    public readonly code: 'layout-missing' | 'layout-invalid',
    message: string,
  ) {
    super(message);
  }
}
