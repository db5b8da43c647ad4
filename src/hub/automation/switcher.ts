/**
 * The director's switches (schedule, rotation, takeover, return) through the ordinary two-phase
 * switch (switch-coordinator.ts: queued behind one being prepared). A preset is resolved when its
 * switch is asked. A switch that aborts is tried again with backoff while it is still wanted
 * (retries.ts); each try is audited like any switch (`layout`, or `layout:failed` with its code).
 */
import type { SwitchTarget } from '../../core/automation/model.js';
import type { PresetRef } from '../../core/protocol/layout-commands.js';
import type { PresetStore } from '../storage/store.js';
import type { Actor } from '../storage/store-types.js';
import type { SwitchCoordinator, SwitchReason } from '../switch-coordinator.js';
import { targetName } from './precedence.js';
import { SwitchRetries, type RetryDeps } from './retries.js';

export interface SwitcherDeps extends RetryDeps {
  switches: Pick<SwitchCoordinator, 'request'>;
  presets: Pick<PresetStore, 'get'>;
}

/** One automatic switch: to what, as whom, why, and whether the precedence still wants it (for retries). */
export interface AutomaticSwitch {
  target: SwitchTarget;
  actor: Actor;
  why: SwitchReason;
  wanted: () => boolean;
  /** Told when a try commits. */
  committed?: () => void;
}

export class AutomaticSwitcher {
  private readonly retries: SwitchRetries;
  /** Counts the automatic switches asked: a failure of one that a newer one replaced is not retried. */
  private generation = 0;

  public constructor(private readonly d: SwitcherDeps) {
    this.retries = new SwitchRetries(d);
  }

  public switchTo(s: AutomaticSwitch): void {
    this.retries.clear();
    void this.run(s, ++this.generation, 1);
  }

  /** Drops a waiting retry the precedence no longer wants (the director calls it at every change). */
  public recheck(): void {
    this.retries.recheck();
  }

  public problems(): string[] {
    return this.retries.problems();
  }

  public destroy(): void {
    this.generation++;
    this.retries.clear();
  }

  private async run(s: AutomaticSwitch, generation: number, attempt: number): Promise<void> {
    const { target, actor, why } = s;
    const what = `${why.source} "${why.reason}"`;
    let layout: string;
    let preset: PresetRef | undefined;
    if ('preset' in target) {
      let p;
      try {
        p = await this.d.presets.get(target.preset);
      } catch (e) {
        return this.d.log(`automation (${what}): could not read preset "${target.preset}": ${(e as Error).message}: nothing switched`);
      }
      if (generation !== this.generation) return; // a newer switch was asked meanwhile
      if (!p) return this.d.log(`automation (${what}): no preset "${target.preset}": nothing switched`);
      layout = p.layout;
      preset = { id: p.id, version: p.version, cameras: p.cameras };
    } else {
      layout = target.layout;
    }
    this.d.log(`automation: ${what} switches to ${targetName(target)}${attempt > 1 ? ` (try ${attempt})` : ''}`);
    void this.d.switches.request(layout, actor, undefined, preset, why).then((o) => {
      if (o.ok) s.committed?.();
      else this.d.log(`automation: switch to ${targetName(target)} for ${what}: ${o.code}: ${o.message}`);
      // Only an abort is worth another try: a superseded switch lost to a later request, an unknown layout stays unknown.
      if (!o.ok && o.code === 'switch-aborted' && generation === this.generation) {
        this.retries.failed({ target, what, attempt, error: o.message, wanted: s.wanted, retry: () => void this.run(s, generation, attempt + 1) });
      }
      this.d.changed();
    });
  }
}
