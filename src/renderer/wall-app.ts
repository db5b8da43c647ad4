/**
 * One wall window: its GPU side (gpu-surface.ts: one pixi renderer, one WebGL context), the store,
 * the scene slot and the frame loop. Owns their lifecycles: init() in order, destroy() in reverse.
 * On WebGL context loss it drops the GPU side and rebuilds renderer, viewport and scene on a fresh
 * canvas once the context is restored, instead of leaving a blank screen.
 *
 * What is drawn is the `stage`: the current scene's root, and over it the `overlay` (wall px, the
 * same for every layout: the hub connection badge, the acknowledgement dialog). Pointer events
 * reach both through the stage.
 */
import 'pixi.js/unsafe-eval'; // pixi's CSP-safe shader/uniform paths: the page forbids eval
import { Container } from 'pixi.js';
import type { WallPageConfig } from '../core/page/host-api.js';
import type { PageEvent } from '../core/page/host-messages.js';
import { reviewWindow } from '../core/page/host-api.js';
import type { PresetRef } from '../core/protocol/layout-commands.js';
import type { Rect } from '../core/wall/model.js';
import { Store } from './store.js';
import { FrameLoop } from './frame-loop.js';
import { FrameProbe, wholeCanvas } from './frame-probe.js';
import type { CameraHub } from './camera/camera-endpoint.js';
import { LoadShedder, loadShedderOptions } from './load-shedder.js';
import { RenderMeter, RenderRequests, stageChanged } from './render-requests.js';
import { SceneManager } from './scene/scene-manager.js';
import { GpuSurface } from './gpu-surface.js';
import { resolveRenderBackend, webglIsSoftware, type RenderBackend } from './render-backend.js';
import { PartialRedraw } from './partial-redraw.js';
import type { DegradedSummary } from './scene/degraded-apply.js';
import { DegradedMode } from './scene/degraded-mode.js';
import type { AlertActions } from './widgets/widget.js';
import { AlertActionsSlot } from './alert-actions-slot.js';
import { resolveVideoPath, type CameraConfig } from './camera/camera-config.js';
import { PageLayer, pageHasContent } from './web/page-layer.js';
import { webTimings } from './web/web-tile-state.js';

/** A widget slower than this to become ready is shown as a placeholder (cameras retry behind it). */
const READY_TIMEOUT_MS = 8000;

export class WallApp {
  public readonly store: Store;
  public readonly loop: FrameLoop;
  public readonly probe = new FrameProbe();
  /** The canvas backend's redraw of only the tiles that changed (partial-redraw.ts). */
  private readonly partial = new PartialRedraw();
  /** Gives up camera upload rate, chart redraws and animation, in that order, when frames run over budget. */
  public readonly load: LoadShedder;
  /** Why the next frame must render, beyond what the pixi tree shows changed (render-requests.ts). */
  public readonly renders = new RenderRequests();
  /** Processed and rendered frames, changed frames per second (debug state, health reports). */
  public readonly renderMeter = new RenderMeter();
  /** The hub camera tiles play from: the session moves it to the hub its link is on (failover). */
  public readonly cameraHub: CameraHub | null;
  public readonly scenes: SceneManager;
  public readonly window: WallPageConfig['window'];
  /** Drawn over every scene, in wall px. */
  public readonly overlay = new Container({ label: 'overlay' });
  /** Called every frame before rendering, with the wall clock (hub-synchronised with a hub). */
  public readonly tickers = new Set<(now: number) => void>();
  private readonly stage = new Container({ label: 'stage' });
  /** What widgets get as ctx.alertActions: forwards to the hub session's (setAlertActions). */
  private readonly alertActions = new AlertActionsSlot();
  private gpu: GpuSurface | null = null;
  private texturePassForced = false;
  private wanted: string;
  private wantedPreset: PresetRef | null = null;
  private readonly degradedMode: DegradedMode;
  /** Content outside the canvas, under it (web tiles' frames; the host's webFrameStatus, health streams): page-layer.ts. */
  public readonly pageLayer: PageLayer;
  /** How camera tiles' video reaches the screen in this window (camera.videoPath resolved: docs/cameras.md). */
  public readonly videoPath: 'texture' | 'element';
  /** What draws the scene in this window (render.backend resolved: render-backend.ts). */
  public readonly backend: RenderBackend;

  public constructor(
    private readonly config: WallPageConfig,
    private readonly emit: (e: PageEvent) => void,
    public readonly now: () => number = () => Date.now(),
  ) {
    this.window = config.review ? reviewWindow(config.wall) : config.window;
    this.wanted = config.initialLayout;
    this.degradedMode = new DegradedMode(config.darkScreens ?? []);
    this.store = new Store(now);
    this.cameraHub = config.hub ? { url: config.hub.url, token: config.hub.token } : null;
    this.load = new LoadShedder(loadShedderOptions(config.load));
    this.pageLayer = new PageLayer(this.window, config.scale, webTimings(config.web), now);
    // Read as given: a wrong value is the camera tiles' to report (cameraConfig), here it means auto.
    const videoPath = config.camera?.videoPath;
    this.videoPath = resolveVideoPath(videoPath === 'element' || videoPath === 'texture' ? videoPath : 'auto', config.compositing, webglIsSoftware);
    this.backend = resolveRenderBackend(config);
    this.loop = new FrameLoop(
      (frame, swapped) => this.onFrame(frame, swapped),
      (fps, frame) => this.emit({ type: 'fps', fps, frame }),
      now,
    );
    this.scenes = new SceneManager({
      settings: {
        wall: config.wall,
        viewport: this.window.viewport,
        lang: config.lang,
        now,
        assetBase: config.assetBase,
        cameraBase: config.cameraBase,
        ...(this.cameraHub ? { cameraHub: this.cameraHub } : {}),
        node: config.window.node,
        camera: (config.camera ?? {}) as Partial<CameraConfig>,
        readyTimeoutMs: READY_TIMEOUT_MS,
        lateTopics: () => this.store.lateTopics,
        deadScreens: () => this.degradedMode.deadScreens,
        alertActions: this.alertActions,
        web: this.pageLayer,
        ...(this.videoPath === 'element' ? { videos: this.pageLayer } : {}),
        load: this.load,
        invalidate: this.renders.invalidate,
      },
      layouts: config.layouts,
      themes: config.themes,
      store: this.store,
      emit,
      onNextFrame: (fn, notBefore) => this.loop.atNextFrame(fn, notBefore),
    });
  }

  /** Creates the GPU side, shows the initial layout; resolves once it is on screen. */
  public async init(): Promise<boolean> {
    await this.createGpu();
    this.loop.init();
    const ok = await this.scenes.switchTo(this.wanted);
    if (ok) this.emit({ type: 'ready', windowId: this.window.id, layout: this.wanted, at: this.now() });
    return ok;
  }

  /** Where widgets' acknowledge/select requests go (the hub session); null: nowhere. */
  public setAlertActions(actions: AlertActions | null): void {
    this.alertActions.target = actions;
  }

  /** Switches to layout `id` as its file says, or with a preset's cameras. */
  public async switchLayout(id: string, at?: number, preset: PresetRef | null = null): Promise<boolean> {
    const ok = await this.scenes.switchTo(id, at, preset);
    if (ok) this.want(id, preset);
    return ok;
  }

  /** Two-phase switch, phase 1: build `id` hidden under `switchId` (see SceneManager.prepare). */
  public prepareLayout(switchId: string, id: string, preset: PresetRef | null = null): Promise<{ ok: boolean; error?: string }> {
    return this.scenes.prepare(switchId, id, preset);
  }

  /** Phase 2: show it on the first frame at or after wall time `at` (built now if not prepared). */
  public async commitLayout(switchId: string, id: string, at: number, preset: PresetRef | null = null): Promise<boolean> {
    const ok = await this.scenes.commitPrepared(switchId, id, at, preset);
    if (ok) this.want(id, preset);
    return ok;
  }

  /** What a rebuild (context loss) comes back to. */
  private want(id: string, preset: PresetRef | null): void {
    this.wanted = id;
    this.wantedPreset = preset;
  }

  /** Abort: drop the prepared scene; the current layout stays. */
  public abortLayout(switchId: string): boolean {
    return this.scenes.abortPrepared(switchId);
  }

  /**
   * The hub's complete set of dead screens (hub `degraded` event, host command, debug lever).
   * Applied to the current scene on the next frame, before it renders, and to every later scene
   * on its first.
   */
  public setDeadScreens(screens: Iterable<string>): void {
    this.degradedMode.setHubDead(screens);
  }

  /** This node's dark screens (page config, then the `setDarkScreens` host command). */
  public setDarkScreens(screens: Iterable<string>): void {
    this.degradedMode.setLocalDark(screens);
  }

  /** This node's dark screens, sorted: what health reports tell the hub. */
  public get darkScreens(): string[] {
    return this.degradedMode.darkScreens;
  }

  /** What degraded mode did to the current scene; null while no screen is dead. */
  public get degraded(): DegradedSummary | null {
    return this.degradedMode.current;
  }

  public get layout(): string | null {
    return this.scenes.current?.options.layout.id ?? null;
  }

  /** The wall rect of the current scene's first alert-list tile (where keyboard acks go), if any. */
  public alertListRect(): Rect | null {
    return this.scenes.current?.tiles.find((t) => t.tile.widget === 'alert-list')?.rect ?? null;
  }

  /** The layout shown, with the preset it came through (core/presets.ts sceneKey). */
  public get sceneKey(): string | null {
    return this.scenes.currentKey;
  }

  private theme(): WallPageConfig['themes'][number] {
    const layout = this.config.layouts.find((l) => l.id === this.wanted);
    return this.config.themes.find((t) => t.id === layout?.theme) ?? this.config.themes[0]!;
  }

  /** A fresh GPU side on a new canvas (at init, and after a context loss). */
  private async createGpu(): Promise<void> {
    const gpu = new GpuSurface({
      window: this.window,
      scale: this.config.scale,
      backend: this.backend,
      background: this.theme().colors.bezel,
      pageLayer: this.pageLayer.element,
      transparent: pageHasContent(this.config.layouts, this.videoPath === 'element'),
      pointerTarget: () => (this.scenes.current ? this.stage : null),
      onContextLost: this.onContextLost,
      onContextRestored: this.onContextRestored,
      emit: this.emit,
    });
    gpu.texturePassForced = this.texturePassForced;
    this.gpu = gpu;
    await gpu.init();
  }

  /** The scene goes with the GPU side: its textures lived in the lost context. */
  private destroyGpu(): void {
    this.scenes.clear();
    this.gpu?.destroy();
    this.gpu = null;
  }

  /**
   * Every animation frame runs the scene (updates, ticks, camera uploads); it renders only when
   * something changed: the pixi tree, or a request for what pixi cannot see (render-requests.ts).
   */
  private onFrame(frame: number, swapped: boolean): void {
    const scene = this.scenes.current;
    const gpu = this.gpu;
    const frameStart = performance.now();
    this.renderMeter.tick(frameStart);
    if (!scene || !gpu?.ready) {
      this.pageLayer.sync(null);
      return;
    }
    // Load shedding: over the frame budget the window runs the scene less often (a swap always runs).
    if (!this.load.frame(frameStart, swapped)) return;
    const now = this.now();
    this.degradedMode.sync(scene, this.store);
    // Page content placed in the same frame as the canvas renders (a swap shows both together).
    this.pageLayer.sync(scene);
    scene.flush(this.store, this.store.takeDirty(), frameStart, this.load.chartPaceMs);
    scene.tick(now);
    for (const tick of this.tickers) tick(now);
    this.syncStage(scene.root);
    if (gpu.redrawsPartially) this.partial.track(scene.tiles);
    if (swapped) this.renders.invalidate('swap');
    if (this.probe.sampling) this.renders.invalidate('probe');
    if (this.probe.waiting) this.renders.invalidate('capture');
    if (stageChanged(this.stage)) this.renders.invalidate('scene');
    const reasons = this.renders.take();
    this.renderMeter.frame(frameStart, reasons);
    if (reasons.size === 0) return;
    this.load.didRender(frameStart);
    const redraw = gpu.redrawsPartially ? this.partial.decide(this.stage, scene.tiles, reasons, gpu.redrawTarget) : 'all';
    if (redraw !== 'all') this.renderMeter.partial();
    const pixels = gpu.render(this.stage, scene.options.theme.colors, redraw);
    if (pixels) this.probe.record(pixels, frame, this.layout);
  }

  /** The stage holds the current scene's root under the overlay, and nothing else. */
  private syncStage(root: Container): void {
    if (this.stage.children[0] === root && this.overlay.parent === this.stage) return;
    for (const child of [...this.stage.children]) if (child !== root && child !== this.overlay) this.stage.removeChild(child);
    this.stage.addChildAt(root, 0);
    this.stage.addChild(this.overlay);
  }

  private readonly onContextLost = (e: Event): void => {
    e.preventDefault(); // without this the browser never offers the context back
    this.loop.pause();
    this.emit({ type: 'contextLost', at: this.now() });
  };

  private readonly onContextRestored = (): void => {
    void this.rebuild();
  };

  /** Fresh canvas, renderer, viewport and scene for the layout that was showing. */
  public async rebuild(): Promise<void> {
    this.loop.pause();
    this.destroyGpu();
    await this.createGpu();
    this.loop.resume();
    if (await this.scenes.switchTo(this.wanted, undefined, this.wantedPreset)) {
      this.emit({ type: 'contextRestored', at: this.now(), layout: this.wanted });
    }
  }

  /**
   * Ends the window: frame loop, scenes (a prepared one too), GPU side, stage and overlay (what
   * others put on the overlay stays theirs: the hub session ends first). Idempotent.
   */
  public destroy(): void {
    this.loop.destroy();
    this.tickers.clear();
    this.setAlertActions(null);
    this.scenes.destroy();
    this.pageLayer.destroy();
    this.gpu?.destroy();
    this.gpu = null;
    if (!this.overlay.destroyed) this.overlay.destroy();
    if (!this.stage.destroyed) this.stage.destroy();
  }

  /** Whether frames render straight to the canvas (Viewport.direct), not through the viewport texture. */
  public get rendersDirect(): boolean {
    return this.gpu?.direct ?? false;
  }

  /** What draws the scene: the resolved backend, or what pixi fell back to. */
  public get drawnBy(): RenderBackend {
    return this.gpu?.backend ?? this.backend;
  }

  /** The debug lever: `texture` forces the intermediate pass (kept across a context restore). */
  public setRenderPath(path: 'auto' | 'texture'): boolean {
    this.texturePassForced = path === 'texture';
    if (this.gpu) this.gpu.texturePassForced = this.texturePassForced;
    return this.rendersDirect;
  }

  /** The canvas's pixels as the last frame left them, without rendering (the debug hook); null before init. */
  public readCanvas(): ReturnType<typeof wholeCanvas> | null {
    const pixels = this.gpu?.pixels() ?? null;
    return pixels ? wholeCanvas(pixels) : null;
  }

  /** The canvas's WebGL context, for the debug hook's context-loss lever. */
  public gl(): WebGL2RenderingContext | null {
    return this.gpu?.gl() ?? null;
  }
}
