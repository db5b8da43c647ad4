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
 */
import type { Automation, SwitchTarget } from '../../core/automation/model.js';
import type { ScheduleAnswer, TakeoverPrompt } from '../../core/protocol/automation.js';
import type { JsonValue } from '../../core/protocol/limits.js';
import type { AlertService } from '../alerts.js';
import type { LayoutService } from '../layouts.js';
import type { HubStore } from '../storage/store.js';
import type { Actor, AuditAction } from '../storage/store-types.js';
import type { SwitchCoordinator, SwitchReason } from '../switch-coordinator.js';
import { automationProblems } from './problems.js';
import { automaticNow, sameTarget, targetName, type Automatic, type ScheduleSource } from './precedence.js';
import { ruleActor, Takeovers } from './takeovers.js';

export interface DirectorDeps {
  automation: Automation;
  schedule: ScheduleSource;
  switches: Pick<SwitchCoordinator, 'request' | 'onOutcome' | 'queue'>;
  layouts: Pick<LayoutService, 'currentCommand' | 'refusal'>;
  alerts: Pick<AlertService, 'onChange'>;
  store: Pick<HubStore, 'automation' | 'audit' | 'presets' | 'alerts'>;
  now: () => number;
  timezone: string;
  log: (message: string) => void;
  /** Walls and consoles hear of prompts and changes (server.ts wires the namespaces). */
  events: {
    prompt(prompt: TakeoverPrompt): void;
    promptClosed(id: string): void;
    changed(): void;
  };
}

const MANUAL = new Set(['console', 'rest', 'wall']);
/** The director wakes at least this often (a long wait is recomputed, and setTimeout has a ceiling). */
const MAX_WAIT_MS = 60 * 60_000;
const MINUTE = 60_000;

export const scheduleActor = (id: string): Actor => ({ name: 'lịch', role: 'automation', via: id, channel: 'schedule' });

export class Director {
  private readonly takeovers: Takeovers;
  private hold: ScheduleAnswer['hold'];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private scheduleProblem: string | null = null;

  public constructor(private readonly d: DirectorDeps) {
    this.hold = d.store.automation.loadHold();
    this.takeovers = new Takeovers({
      automation: d.automation,
      now: d.now,
      audit: (action, alertId, actor, detail) => this.audit(action, alertId, actor, detail),
      switchFor: (target, rule) => this.switchTo(target, ruleActor(rule.id), { source: 'takeover', reason: rule.id }),
      currentTarget: () => this.currentTarget(),
      returnTarget: () => this.returnTarget(),
      prompted: (p) => d.events.prompt(p),
      promptClosed: (id) => d.events.promptClosed(id),
      changed: () => d.events.changed(),
      state: { load: () => d.store.automation.loadTakeovers(), save: (s) => d.store.automation.saveTakeovers(s) },
      alertState: (id) => d.store.alerts.get(id)?.state ?? null,
      log: d.log,
    });
    d.alerts.onChange((kind, alert) => {
      if (this.stopped) return;
      this.takeovers.onAlert(kind, alert);
      this.evaluate();
    });
    d.switches.onOutcome((outcome, actor) => {
      if (this.stopped || !outcome.ok || !MANUAL.has(actor.channel)) return;
      this.startHold(actor.name);
      this.takeovers.operatorSwitched();
      this.evaluate();
    });
  }

  /** Resumes the stored takeovers and prompts, applies what is due now (the restart rule) and schedules the next wake. */
  public start(): void {
    this.takeovers.resume();
    this.evaluate();
  }

  public destroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  public answer(): ScheduleAnswer {
    const now = this.d.now();
    const auto = this.automatic(now);
    const take = this.takeovers.target();
    const rotation = this.safely(() => this.d.schedule.rotation(now), null);
    const nowAnswer: ScheduleAnswer['now'] = take
      ? { source: 'takeover', target: take.target, reason: take.rule, since: take.since }
      : this.hold
        ? { source: 'hold', target: this.hold.target, reason: this.hold.by, since: this.hold.since }
        : auto
          ? { source: auto.source, target: auto.target, reason: auto.id, since: auto.since }
          : { source: 'none', target: null, reason: '', since: null };
    return {
      hubTime: now,
      timezone: this.d.timezone,
      now: nowAnswer,
      hold: this.hold,
      ...this.takeovers.wire(),
      next: this.safely(() => this.d.schedule.next(now, 10), []),
      rotation: rotation ? { item: rotation.item, target: rotation.target, nextAt: rotation.nextAt } : null,
      queue: this.d.switches.queue(),
      problems: [
        ...(this.scheduleProblem ? [this.scheduleProblem] : []),
        ...automationProblems(this.d.automation, (id) => this.d.store.presets.get(id) !== null, (id) => this.d.layouts.refusal(id)),
      ],
    };
  }

  /** POST /api/hold/release: schedules resume now. False when there was no hold. */
  public releaseHold(actor: Actor): boolean {
    const hold = this.hold;
    if (!hold) return false;
    this.setHold(null);
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
      this.setHold(null);
      this.resume();
    }
    if (!this.takeovers.active && !this.hold) {
      const auto = this.automatic(now);
      if (auto && auto.key !== this.d.store.automation.loadApplied()?.key) {
        this.applied(auto);
        if (!sameTarget(auto.target, this.currentTarget())) this.switchTo(auto.target, scheduleActor(auto.id), this.automaticReason(auto));
      }
    }
    this.arm(now, takeoverWake);
  }

  /** The hold ended (or was released): the wall goes to what schedule or rotation says now, if it differs. */
  private resume(): void {
    if (this.takeovers.active) return;
    const auto = this.automatic(this.d.now());
    if (!auto) return this.d.events.changed();
    this.applied(auto);
    if (!sameTarget(auto.target, this.currentTarget())) this.switchTo(auto.target, scheduleActor(auto.id), this.automaticReason(auto));
    this.d.events.changed();
  }

  /** A schedule or rotation switch queued behind an operator's switch does not run once that one started a hold (or a takeover began). */
  private automaticReason(auto: Automatic): SwitchReason {
    return {
      source: auto.source,
      reason: auto.id,
      stale: () => (this.hold ? `an operator's hold (${this.hold.by}) began while it waited` : this.takeovers.active ? 'a takeover began while it waited' : null),
    };
  }

  /** A takeover returns to the hold, or what schedule or rotation says (which then counts as applied). */
  private returnTarget(): SwitchTarget | null {
    if (this.hold) return this.hold.target;
    const auto = this.automatic(this.d.now());
    if (auto) this.applied(auto);
    return auto?.target ?? null;
  }

  private arm(now: number, takeoverWake: number | null): void {
    if (this.timer) clearTimeout(this.timer);
    const wakes = [now + MAX_WAIT_MS];
    if (takeoverWake !== null) wakes.push(takeoverWake);
    if (this.hold?.until != null) wakes.push(this.hold.until);
    const next = this.safely(() => this.d.schedule.next(now, 1)[0]?.at, undefined);
    if (next !== undefined) wakes.push(next);
    const rotation = this.safely(() => this.d.schedule.rotation(now), null);
    if (rotation) wakes.push(rotation.nextAt);
    // A rotation's hours open on a minute boundary.
    if (this.d.schedule.hasRotations) wakes.push(Math.floor(now / MINUTE) * MINUTE + MINUTE);
    const at = Math.min(...wakes);
    this.timer = setTimeout(() => this.evaluate(), Math.max(0, at - now));
  }

  private automatic(now: number): Automatic | null {
    return this.safely(() => automaticNow(this.d.schedule, now), null);
  }

  private applied(auto: Automatic): void {
    try {
      this.d.store.automation.saveApplied({ key: auto.key, id: auto.id, at: auto.since });
    } catch (e) {
      this.d.log(`automation: could not store the applied occurrence ${auto.key}: ${(e as Error).message}`);
    }
  }

  private startHold(by: string): void {
    const now = this.d.now();
    const target = this.currentTarget();
    if (!target) return;
    const minutes = this.d.automation.holdMinutes;
    this.setHold({ by, target, since: now, until: minutes === null ? null : now + minutes * MINUTE });
  }

  private setHold(hold: ScheduleAnswer['hold']): void {
    this.hold = hold;
    try {
      this.d.store.automation.saveHold(hold);
    } catch (e) {
      this.d.log(`automation: could not store the hold: ${(e as Error).message}`);
    }
    this.d.events.changed();
  }

  private currentTarget(): SwitchTarget | null {
    const c = this.d.layouts.currentCommand();
    return c ? (c.preset ? { preset: c.preset.id } : { layout: c.layout }) : null;
  }

  /** Switches through the coordinator (queued behind a switch being prepared); a preset is resolved now. */
  private switchTo(target: SwitchTarget, actor: Actor, why: SwitchReason): void {
    let layout: string;
    let preset;
    if ('preset' in target) {
      const p = this.d.store.presets.get(target.preset);
      if (!p) return this.d.log(`automation (${why.source} ${why.reason}): no preset "${target.preset}": nothing switched`);
      layout = p.layout;
      preset = { id: p.id, version: p.version, cameras: p.cameras };
    } else {
      layout = target.layout;
    }
    this.d.log(`automation: ${why.source} ${why.reason} switches to ${targetName(target)}`);
    void this.d.switches.request(layout, actor, undefined, preset, why).then((o) => {
      if (!o.ok) this.d.log(`automation: switch to ${targetName(target)} for ${why.source} ${why.reason}: ${o.code}: ${o.message}`);
      this.d.events.changed();
    });
  }

  private audit(action: AuditAction, alertId: string | null, actor: Actor, detail: JsonValue): void {
    try {
      this.d.store.audit.write(action, alertId, actor, this.d.now(), detail);
    } catch (e) {
      this.d.log(`automation: could not write the audit entry ${action}: ${(e as Error).message}`);
    }
  }

  /** The schedule's answer, or `fallback` when it throws (kept as a problem: the hub runs on). */
  private safely<T>(f: () => T, fallback: T): T {
    try {
      return f();
    } catch (e) {
      this.scheduleProblem = `the schedule could not be worked out: ${(e as Error).message}`;
      return fallback;
    }
  }
}
