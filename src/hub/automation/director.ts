/**
 * The hub's automation (docs/automation.md): one precedence, takeover > hold > schedule > rotation,
 * run on the hub clock. The director wakes at the next change (an occurrence, a rotation item or
 * minute, a hold's end, a prompt's expiry, a takeover the rate limit delayed) and after every event
 * (an alert, a switch, a release), works out what the wall should show, and switches through the
 * ordinary two-phase switch (queued behind one being prepared, switch-coordinator.ts).
 *
 * - Schedule and rotation switch at the start of each occurrence (edge, not level): an operator may
 *   switch away once its hold ends and the schedule only acts again at its next occurrence.
 * - Hold: a committed manual switch (channel console, rest or wall) holds the wall for holdMinutes
 *   (null: until released); at its end, or on release, the wall goes to what schedule or rotation
 *   says now if it shows something else.
 * - Restart: the last applied occurrence, the hold, the takeover in force and the open prompts are
 *   in the store; at start an occurrence that is not the stored one is applied once (no hold or
 *   takeover in force), and the takeovers resume (takeovers.ts `resume`).
 * - Retries: an automatic switch that aborts is tried again with backoff while the precedence still
 *   wants it (`stillWanted`; switcher.ts, retries.ts).
 */
import type { Automation, SwitchTarget } from '../../core/automation/model.js';
import type { ScheduleAnswer, TakeoverPrompt } from '../../core/protocol/automation.js';
import type { JsonValue } from '../../core/protocol/limits.js';
import type { AlertService } from '../alerts.js';
import type { LayoutService } from '../layouts.js';
import type { AuditLog, PresetStore } from '../storage/store.js';
import type { AutomationMemory } from './automation-memory.js';
import type { Actor, AuditAction } from '../storage/store-types.js';
import type { SwitchCoordinator, SwitchReason } from '../switch-coordinator.js';
import { automationPresetIds, automationProblems } from './problems.js';
import { GuardedSchedule } from './guarded-schedule.js';
import { HoldKeeper } from './hold.js';
import { sameTarget, whyNow, type Automatic, type ScheduleSource } from './precedence.js';
import { AutomaticSwitcher } from './switcher.js';
import { ruleActor, Takeovers } from './takeovers.js';

export interface DirectorDeps {
  automation: Automation;
  schedule: ScheduleSource;
  switches: Pick<SwitchCoordinator, 'request' | 'onOutcome' | 'queue'>;
  layouts: Pick<LayoutService, 'currentCommand' | 'refusal'>;
  alerts: Pick<AlertService, 'onChange' | 'openState'>;
  /** The automation's state in memory (read at start, written behind), the audit trail and presets. */
  store: { automation: AutomationMemory; audit: Pick<AuditLog, 'write'>; presets: Pick<PresetStore, 'get'> };
  now: () => number;
  timezone: string;
  log: (message: string) => void;
  /** Walls and consoles hear of prompts and changes (setup.ts wires the namespaces). */
  events: {
    prompt(prompt: TakeoverPrompt): void;
    promptClosed(id: string): void;
    changed(): void;
  };
}

const MANUAL = new Set(['console', 'rest', 'wall']);
/** The director wakes at least this often (a long wait is recomputed, and setTimeout has a ceiling). */
const MAX_WAIT_MS = 60 * 60_000;

export const scheduleActor = (id: string): Actor => ({ name: 'lịch', role: 'automation', via: id, channel: 'schedule' });

export class Director {
  private readonly takeovers: Takeovers;
  private readonly switcher: AutomaticSwitcher;
  private readonly holds: HoldKeeper;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly schedule: GuardedSchedule;
  /** The stored occurrence whose switch had not committed when the hub stopped: start asks it again. */
  private unfinishedAtStart: string | null = null;

  public constructor(private readonly d: DirectorDeps) {
    this.holds = new HoldKeeper({ store: d.store.automation, minutes: d.automation.holdMinutes, log: d.log, changed: () => d.events.changed() });
    this.schedule = new GuardedSchedule(d.schedule);
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: d.timezone, timeStyle: 'medium', hourCycle: 'h23' });
    const { switches, now, log } = d;
    this.switcher = new AutomaticSwitcher({ switches, presets: d.store.presets, now, log, changed: () => d.events.changed(), time: (at) => clock.format(at) });
    this.takeovers = new Takeovers({
      automation: d.automation,
      now: d.now,
      audit: (action, alertId, actor, detail) => this.audit(action, alertId, actor, detail),
      switchFor: (target, rule, kind) => this.switcher.switchTo({ target, actor: ruleActor(rule.id), why: { source: 'takeover', reason: rule.id }, wanted: () => this.stillWanted(target, kind) }),
      currentTarget: () => this.currentTarget(),
      returnTarget: () => this.returnTarget(),
      prompted: (p) => d.events.prompt(p),
      promptClosed: (id) => d.events.promptClosed(id),
      changed: () => d.events.changed(),
      state: { load: () => d.store.automation.loadTakeovers(), save: (s) => d.store.automation.saveTakeovers(s) },
      alertState: (id) => d.alerts.openState(id),
      log: d.log,
    });
    d.alerts.onChange((kind, alert) => {
      if (this.stopped) return;
      this.takeovers.onAlert(kind, alert);
      this.evaluate();
    });
    d.switches.onOutcome((outcome, actor) => {
      if (this.stopped || !outcome.ok || !MANUAL.has(actor.channel)) return;
      const target = this.currentTarget();
      if (target) this.holds.start(actor.name, target, this.d.now());
      this.takeovers.operatorSwitched();
      this.evaluate();
    });
  }

  /** Resumes the stored takeovers and prompts, applies what is due now (the restart rule) and schedules the next wake. */
  public start(): void {
    const applied = this.d.store.automation.loadApplied();
    this.unfinishedAtStart = applied?.unfinished ? applied.key : null;
    this.takeovers.resume();
    this.evaluate();
    this.unfinishedAtStart = null;
  }

  public destroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.switcher.destroy();
  }

  /** The prompts open now (a window that connects shows their banners). */
  public prompts(): ScheduleAnswer['prompts'] {
    return this.takeovers.wire().prompts;
  }

  public async answer(): Promise<ScheduleAnswer> {
    const presetIds = automationPresetIds(this.d.automation);
    const found = await Promise.all(presetIds.map(async (id) => [id, (await this.d.store.presets.get(id)) !== null] as const));
    const known = new Map(found);
    const now = this.d.now();
    const rotation = this.schedule.rotation(now);
    return {
      hubTime: now,
      timezone: this.d.timezone,
      now: whyNow(this.takeovers.target(), this.hold, this.schedule.automatic(now)),
      hold: this.hold,
      ...this.takeovers.wire(),
      next: this.schedule.next(now, 10),
      rotation: rotation ? { item: rotation.item, target: rotation.target, nextAt: rotation.nextAt } : null,
      queue: this.d.switches.queue(),
      problems: [
        ...(this.schedule.problem ? [this.schedule.problem] : []),
        ...this.switcher.problems(),
        ...automationProblems(this.d.automation, (id) => known.get(id) ?? false, (id) => this.d.layouts.refusal(id)),
      ],
    };
  }

  private get hold(): ScheduleAnswer['hold'] {
    return this.holds.current;
  }

  /** POST /api/hold/release: schedules resume now. False when there was no hold. */
  public releaseHold(actor: Actor): boolean {
    const hold = this.hold;
    if (!hold) return false;
    this.holds.set(null);
    this.audit('hold:release', null, actor, { by: hold.by, since: hold.since, until: hold.until });
    this.resume();
    this.evaluate();
    return true;
  }

  public confirm(id: string, actor: Actor): TakeoverPrompt | null {
    const p = this.takeovers.confirm(id, actor);
    this.evaluate();
    return p;
  }

  public dismiss(id: string, actor: Actor): TakeoverPrompt | null {
    const p = this.takeovers.dismiss(id, actor);
    this.evaluate();
    return p;
  }

  /** Works out what is due now, does it, and sets the timer for the next change. */
  private evaluate(): void {
    if (this.stopped) return;
    const now = this.d.now();
    const takeoverWake = this.takeovers.tick();
    if (this.hold?.until != null && this.hold.until <= now) {
      this.holds.set(null);
      this.resume();
    }
    if (!this.takeovers.active && !this.hold) {
      const auto = this.schedule.automatic(now);
      if (auto && (auto.key !== this.d.store.automation.loadApplied()?.key || auto.key === this.unfinishedAtStart)) this.apply(auto);
    }
    this.switcher.recheck();
    this.arm(now, takeoverWake);
  }

  /** The hold ended (or was released): the wall goes to what schedule or rotation says now, if it differs. */
  private resume(): void {
    if (this.takeovers.active) return;
    const auto = this.schedule.automatic(this.d.now());
    if (auto) this.apply(auto);
    this.d.events.changed();
  }

  /** Applies `auto` (stored as applied; unfinished until its switch commits, if the wall does not show it). */
  private apply(auto: Automatic): void {
    const needed = !sameTarget(auto.target, this.currentTarget());
    this.applied(auto, needed);
    if (needed) this.switchAutomatic(auto);
  }

  /** A schedule or rotation switch queued behind an operator's switch does not run once that one started a hold (or a takeover began). */
  private switchAutomatic(auto: Automatic): void {
    const why: SwitchReason = {
      source: auto.source,
      reason: auto.id,
      stale: () => (this.hold ? `an operator's hold (${this.hold.by}) began while it waited` : this.takeovers.active ? 'a takeover began while it waited' : null),
    };
    const committed = (): void => {
      if (!this.stopped && this.d.store.automation.loadApplied()?.key === auto.key) this.applied(auto, false);
    };
    this.switcher.switchTo({ target: auto.target, actor: scheduleActor(auto.id), why, wanted: () => this.stillWanted(auto.target, 'automatic'), committed });
  }

  /**
   * Whether a switch that aborted is still worth another try: the precedence still wants `target`
   * (the takeover in force's, or else the hold's, schedule's or rotation's; a return with nothing of
   * those goes to the layout before the takeover) and the wall does not show it.
   */
  private stillWanted(target: SwitchTarget, kind: 'automatic' | 'takeover' | 'return'): boolean {
    if (sameTarget(target, this.currentTarget())) return false;
    const take = this.takeovers.target();
    if (kind === 'takeover' || take) return kind === 'takeover' && take !== null && sameTarget(take.target, target);
    if (this.hold) return kind === 'return' && sameTarget(this.hold.target, target);
    const auto = this.schedule.automatic(this.d.now());
    return auto ? sameTarget(auto.target, target) : kind === 'return';
  }

  /** A takeover returns to the hold, or what schedule or rotation says (which then counts as applied). */
  private returnTarget(): SwitchTarget | null {
    if (this.hold) return this.hold.target;
    const auto = this.schedule.automatic(this.d.now());
    if (auto) this.applied(auto, false);
    return auto?.target ?? null;
  }

  private arm(now: number, takeoverWake: number | null): void {
    if (this.timer) clearTimeout(this.timer);
    const wakes = [now + MAX_WAIT_MS];
    if (takeoverWake !== null) wakes.push(takeoverWake);
    if (this.hold?.until != null) wakes.push(this.hold.until);
    wakes.push(...this.schedule.wakes(now));
    const at = Math.min(...wakes);
    this.timer = setTimeout(() => this.evaluate(), Math.max(0, at - now));
  }

  private applied(auto: Automatic, unfinished: boolean): void {
    this.d.store.automation.saveApplied({ key: auto.key, id: auto.id, at: auto.since, ...(unfinished ? { unfinished: true as const } : {}) });
  }

  private currentTarget(): SwitchTarget | null {
    const c = this.d.layouts.currentCommand();
    return c ? (c.preset ? { preset: c.preset.id } : { layout: c.layout }) : null;
  }

  private audit(action: AuditAction, alertId: string | null, actor: Actor, detail: JsonValue): void {
    void this.d.store.audit
      .write(action, alertId, actor, this.d.now(), detail)
      .catch((e: unknown) => this.d.log(`automation: could not write the audit entry ${action}: ${(e as Error).message}`));
  }
}
