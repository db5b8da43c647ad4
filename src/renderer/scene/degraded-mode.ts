/**
 * The page's degraded-mode state: the hub's dead screens and this node's dark screens (its shell's
 * display check), kept apart so neither source overwrites the other; the plan (degraded-apply.ts)
 * runs on their union, once per scene, on the frame after either set changed.
 */
import { unionScreens } from '../../core/page/dark-screens.js';
import type { Store } from '../store.js';
import { applyDegraded, type DegradedSummary } from './degraded-apply.js';
import type { Scene } from './scene.js';

export class DegradedMode {
  private hubDead: ReadonlySet<string> = new Set();
  private localDark: ReadonlySet<string>;
  private union: ReadonlySet<string>;
  private appliedTo: Scene | null = null;
  private summary: DegradedSummary | null = null;

  public constructor(darkScreens: Iterable<string> = []) {
    this.localDark = new Set(darkScreens);
    this.union = new Set(this.localDark);
  }

  /** Every dead screen, whoever said so: what scenes are planned around. */
  public get deadScreens(): ReadonlySet<string> {
    return this.union;
  }

  /** This node's dark screens, sorted: what health reports tell the hub. */
  public get darkScreens(): string[] {
    return [...this.localDark].sort();
  }

  /** What the plan did to the current scene; null while no screen is dead. */
  public get current(): DegradedSummary | null {
    return this.union.size > 0 ? this.summary : null;
  }

  /** The hub's complete set (its `degraded` event, a host command, the debug lever). */
  public setHubDead(screens: Iterable<string>): void {
    this.hubDead = new Set(screens);
    this.replan();
  }

  /** This node's dark screens (page config, then the `setDarkScreens` host command). */
  public setLocalDark(screens: Iterable<string>): void {
    this.localDark = new Set(screens);
    this.replan();
  }

  /** Called every frame before rendering: plans `scene` once per change of scene or sets. */
  public sync(scene: Scene, store: Store): void {
    if (this.appliedTo === scene) return;
    this.appliedTo = scene;
    this.summary = applyDegraded(scene, this.union, store);
  }

  private replan(): void {
    this.union = unionScreens(this.hubDead, this.localDark);
    this.appliedTo = null;
  }
}
