/**
 * The takeover in force and the open prompts as takeovers.ts keeps them, and as they are stored
 * across restarts (AutomationStore `takeover_state`, docs/automation.md "Takeover"): sets become
 * lists, a rule is stored as it was and read back as automation.yaml has it now (or as stored, when
 * the file dropped it), and a rate limit that never fired is stored as null.
 */
import type { SwitchTarget, TakeoverRule } from '../../core/automation/model.js';
import type { TakeoverPrompt } from '../../core/protocol/automation.js';
import type { TakeoverState } from '../storage/store-types.js';

export interface InForce {
  rule: TakeoverRule;
  alerts: Set<string>;
  first: string;
  since: number;
  /** The rate limit may delay the switch: it happens at this instant (evaluated by tick). */
  switchAt: number;
  switched: boolean;
  /** An operator switched since the takeover: its return leaves the wall alone. */
  operatorSwitched: boolean;
  before: SwitchTarget | null;
  /** The operator who confirmed the prompt that started it (confirm rules). */
  confirmedBy: string | null;
}

export interface OpenPrompt extends TakeoverPrompt {
  rules: TakeoverRule;
  set: Set<string>;
}

export interface LiveTakeovers {
  inForce: InForce | null;
  prompts: OpenPrompt[];
  /** -Infinity: no takeover switch yet. */
  lastSwitchAt: number;
}

/** Where the state is kept (absent: memory only). */
export interface TakeoverStateStore {
  load(): TakeoverState | null;
  save(state: TakeoverState): void;
}

export function toStored(live: LiveTakeovers): TakeoverState {
  const t = live.inForce;
  return {
    inForce: t ? { ...t, alerts: [...t.alerts] } : null,
    prompts: live.prompts.map(({ rules, set, ...p }) => ({ ...p, alerts: [...set], ruleSnapshot: rules })),
    lastSwitchAt: Number.isFinite(live.lastSwitchAt) ? live.lastSwitchAt : null,
  };
}

export function fromStored(saved: TakeoverState, rules: readonly TakeoverRule[]): LiveTakeovers {
  const ruleNow = (r: TakeoverRule): TakeoverRule => rules.find((x) => x.id === r.id) ?? r;
  const t = saved.inForce;
  return {
    inForce: t ? { ...t, rule: ruleNow(t.rule), alerts: new Set(t.alerts) } : null,
    prompts: saved.prompts.map(({ ruleSnapshot, alerts, ...p }) => ({ ...p, rules: ruleNow(ruleSnapshot), set: new Set(alerts) })),
    lastSwitchAt: saved.lastSwitchAt ?? Number.NEGATIVE_INFINITY,
  };
}
