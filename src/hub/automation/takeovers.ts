/**
 * Alert takeover rules (docs/automation.md "Takeover"): an alert raised or updated that matches a
 * rule takes the wall (`auto`) or asks an operator first (`confirm`: a prompt on the console and a
 * banner on the wall, dropped after confirmTimeoutS). One takeover is in force at a time: an alert
 * that matches while one is in force joins it (an alert storm causes one switch), unless its rule
 * has a higher priority and the rate limit (minIntervalS between takeover switches) allows a new
 * switch. The takeover returns when all its alerts are done (acknowledged or cleared, per the
 * rule's `returnOn`): to what the precedence says then, or else the layout before the takeover,
 * unless an operator switched since (then nothing switches). Every step is audited with the rule's id.
 * The takeover in force and the open prompts are stored at every change (AutomationStore
 * `takeover_state`): a restarted hub resumes them (`resume`, docs/automation.md "Restart").
 */
import { randomUUID } from 'node:crypto';
import type { Alert } from '../../core/protocol/alerts.js';
import type { Automation, SwitchTarget, TakeoverRule } from '../../core/automation/model.js';
import type { Takeover, TakeoverPrompt } from '../../core/protocol/automation.js';
import type { JsonValue } from '../../core/protocol/limits.js';
import type { AlertChangeKind } from '../alerts.js';
import { fromStored, toStored, type InForce, type OpenPrompt, type TakeoverStateStore } from './takeover-state.js';
import type { Actor, AuditAction } from '../storage/store-types.js';
import { ruleFor, sameTarget } from './precedence.js';

export interface TakeoverDeps {
  automation: Automation;
  now: () => number;
  audit: (action: AuditAction, alertId: string | null, actor: Actor, detail: JsonValue) => void;
  /** Switches the wall for `rule` (audited as the rule's `layout`, channel `rule`). */
  switchFor: (target: SwitchTarget, rule: TakeoverRule, kind: 'takeover' | 'return') => void;
  currentTarget: () => SwitchTarget | null;
  /** What the precedence says without the takeover (hold, schedule, rotation), or null. */
  returnTarget: () => SwitchTarget | null;
  prompted: (prompt: TakeoverPrompt) => void;
  promptClosed: (id: string) => void;
  changed: () => void;
  /** Where the takeover in force and the open prompts are kept across restarts (absent: memory only). */
  state?: TakeoverStateStore;
  /** An alert's state now (null: unknown), for `resume`. */
  alertState?: (id: string) => Alert['state'] | null;
  log?: (message: string) => void;
}

export const ruleActor = (rule: string): Actor => ({ name: 'quy tắc', role: 'automation', via: rule, channel: 'rule' });

export class Takeovers {
  private inForce: InForce | null = null;
  private readonly prompts = new Map<string, OpenPrompt>();
  private lastSwitchAt = Number.NEGATIVE_INFINITY;

  public constructor(private readonly d: TakeoverDeps) {
    const saved = this.load();
    if (!saved) return;
    const live = fromStored(saved, d.automation.takeover.rules);
    this.inForce = live.inForce;
    this.lastSwitchAt = live.lastSwitchAt;
    for (const p of live.prompts) this.prompts.set(p.id, p);
  }

  /**
   * After a restart (the director's start): a prompt that expired while the hub was down is dropped
   * (`prompt:expired`), one whose alerts are all done closes; the takeover in force lets go of the
   * alerts done meanwhile and, when none is left, returns now.
   */
  public resume(): void {
    const state = this.d.alertState ?? (() => null);
    const now = this.d.now();
    for (const p of [...this.prompts.values()]) {
      if (p.expiresAt <= now) continue; // tick drops it, audited prompt:expired
      for (const a of [...p.set]) if (state(a) !== 'active') p.set.delete(a);
      if (p.set.size === 0) this.close(p, 'prompt:dismissed', ruleActor(p.rule), { reason: 'its alerts were done while the hub was down' });
    }
    const t = this.inForce;
    if (!t) return;
    const done = (a: string): boolean => {
      const s = state(a);
      return s === null || s === 'cleared' || (s === 'acknowledged' && t.rule.returnOn === 'ack');
    };
    for (const a of [...t.alerts]) if (done(a)) t.alerts.delete(a);
    if (t.alerts.size === 0) this.end(t, 'restart');
    else this.changed();
  }

  public get active(): boolean {
    return this.inForce !== null;
  }

  /** The takeover in force and the open prompts, as GET /api/schedule lists them. */
  public wire(): { takeovers: Takeover[]; prompts: TakeoverPrompt[] } {
    const t = this.inForce;
    const takeovers: Takeover[] = t
      ? [{ rule: t.rule.id, alertId: t.first, target: t.rule.target, since: t.since, returnOn: t.rule.returnOn, alerts: [...t.alerts], switched: t.switched }]
      : [];
    const prompts = [...this.prompts.values()].map(({ rules: _r, set, ...p }) => ({ ...p, alerts: [...set] }));
    return { takeovers, prompts };
  }

  public target(): { rule: string; target: SwitchTarget; since: number } | null {
    const t = this.inForce;
    return t ? { rule: t.rule.id, target: t.rule.target, since: t.since } : null;
  }

  public onAlert(kind: AlertChangeKind, alert: Alert): void {
    if (kind === 'raised' || kind === 'updated') {
      if (alert.state === 'active') this.matched(alert);
      return;
    }
    const done = (rule: TakeoverRule): boolean => kind === 'cleared' || rule.returnOn === 'ack';
    for (const p of [...this.prompts.values()]) {
      if (!p.set.delete(alert.id)) continue;
      if (p.set.size === 0 && done(p.rules)) this.close(p, 'prompt:dismissed', ruleActor(p.rule), { reason: `alert ${kind}` });
      else this.changed();
    }
    const t = this.inForce;
    if (t && done(t.rule) && t.alerts.delete(alert.id)) {
      if (t.alerts.size === 0) this.end(t, kind);
      else this.changed();
    }
  }

  /** An operator switched the wall: the takeover in force will not switch it back. */
  public operatorSwitched(): void {
    if (!this.inForce?.switched || this.inForce.operatorSwitched) return;
    this.inForce.operatorSwitched = true;
    this.save();
  }

  public confirm(id: string, actor: Actor): TakeoverPrompt | null {
    const p = this.prompts.get(id);
    if (!p) return null;
    this.close(p, null, actor, null);
    // An operator's decision is not an alert storm: no rate limit.
    this.take(p.rules, [...p.set], actor.name);
    return p;
  }

  public dismiss(id: string, actor: Actor): TakeoverPrompt | null {
    const p = this.prompts.get(id);
    if (!p) return null;
    this.close(p, 'prompt:dismissed', actor, { rule: p.rule, alerts: [...p.set] });
    return p;
  }

  /** Expires prompts and makes a switch the rate limit delayed; returns when it needs to run again (or null). */
  public tick(): number | null {
    const now = this.d.now();
    for (const p of [...this.prompts.values()]) {
      if (p.expiresAt <= now) this.close(p, 'prompt:expired', ruleActor(p.rule), { rule: p.rule, alerts: [...p.set], timeoutS: p.rules.confirmTimeoutS });
    }
    const t = this.inForce;
    if (t && !t.switched && t.switchAt <= now) {
      t.switched = true;
      this.lastSwitchAt = now;
      this.d.audit('takeover', t.first, ruleActor(t.rule.id), { rule: t.rule.id, target: t.rule.target, alerts: [...t.alerts], confirmedBy: t.confirmedBy });
      this.d.switchFor(t.rule.target, t.rule, 'takeover');
      this.changed();
    }
    const wakes = [...[...this.prompts.values()].map((p) => p.expiresAt), ...(this.inForce && !this.inForce.switched ? [this.inForce.switchAt] : [])];
    return wakes.length ? Math.min(...wakes) : null;
  }

  private matched(alert: Alert): void {
    const t = this.inForce;
    if (t?.alerts.has(alert.id)) return;
    for (const p of this.prompts.values()) if (p.set.has(alert.id)) return;
    const rule = ruleFor(this.d.automation.takeover.rules, alert);
    if (!rule) return;
    if (rule.mode === 'auto') return this.take(rule, [alert.id], null);
    if (t && t.rule.priority >= rule.priority) {
      t.alerts.add(alert.id);
      return this.changed();
    }
    const open = [...this.prompts.values()].find((p) => p.rule === rule.id);
    if (open) {
      open.set.add(alert.id);
      return this.changed();
    }
    const now = this.d.now();
    const prompt: OpenPrompt = {
      id: randomUUID(), rule: rule.id, alertId: alert.id, title: alert.title, severity: alert.severity, target: rule.target,
      createdAt: now, expiresAt: now + rule.confirmTimeoutS * 1000, rules: rule, set: new Set([alert.id]),
    };
    this.prompts.set(prompt.id, prompt);
    this.d.audit('prompt', alert.id, ruleActor(rule.id), { rule: rule.id, target: rule.target, promptId: prompt.id, expiresAt: prompt.expiresAt });
    this.d.prompted(this.wire().prompts.find((p) => p.id === prompt.id)!);
    this.changed();
  }

  /** `alerts` call for `rule`: join the takeover in force, or take the wall (now, or when the rate limit allows). */
  private take(rule: TakeoverRule, alerts: string[], confirmedBy: string | null): void {
    const now = this.d.now();
    const t = this.inForce;
    const minGap = this.d.automation.takeover.minIntervalS * 1000;
    if (t && (rule.priority <= t.rule.priority || (confirmedBy === null && now < this.lastSwitchAt + minGap))) {
      for (const a of alerts) t.alerts.add(a);
      return this.changed();
    }
    // A higher rule replaces the takeover in force: its alerts join, and it returns to where that one would have.
    this.inForce = {
      rule,
      alerts: new Set([...(t?.alerts ?? []), ...alerts]),
      first: t?.first ?? alerts[0]!,
      since: now,
      switchAt: confirmedBy === null ? Math.max(now, this.lastSwitchAt + minGap) : now,
      switched: false,
      operatorSwitched: t?.operatorSwitched ?? false,
      before: t ? t.before : this.d.currentTarget(),
      confirmedBy,
    };
    this.tick();
    this.changed();
  }

  private end(t: InForce, kind: AlertChangeKind | 'restart'): void {
    this.inForce = null;
    let returned: SwitchTarget | null = null;
    if (t.switched && !t.operatorSwitched) {
      const target = this.d.returnTarget() ?? t.before;
      if (target && !sameTarget(target, this.d.currentTarget())) returned = target;
    }
    const why = !t.switched ? 'never switched (rate limit)' : t.operatorSwitched ? 'an operator switched since: the wall stays' : returned ? 'returned' : 'the wall already shows it';
    this.d.audit('takeover:return', t.first, ruleActor(t.rule.id), { rule: t.rule.id, alerts: t.alerts.size, on: kind, target: returned, why });
    if (returned) this.d.switchFor(returned, t.rule, 'return');
    this.changed();
  }

  /** Stores the state, then tells the director's listeners. */
  private changed(): void {
    this.save();
    this.d.changed();
  }

  private save(): void {
    if (!this.d.state) return;
    try {
      this.d.state.save(toStored({ inForce: this.inForce, prompts: [...this.prompts.values()], lastSwitchAt: this.lastSwitchAt }));
    } catch (e) {
      this.d.log?.(`automation: could not store the takeovers: ${(e as Error).message}`);
    }
  }

  private load(): ReturnType<TakeoverStateStore['load']> {
    try {
      return this.d.state?.load() ?? null;
    } catch (e) {
      this.d.log?.(`automation: could not read the stored takeovers (starting without): ${(e as Error).message}`);
      return null;
    }
  }

  private close(p: OpenPrompt, action: AuditAction | null, actor: Actor, detail: JsonValue): void {
    this.prompts.delete(p.id);
    if (action) this.d.audit(action, p.alertId, actor, detail);
    this.d.promptClosed(p.id);
    this.changed();
  }
}
