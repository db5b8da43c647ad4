/**
 * Dark screens: the screens of this node whose displays the shell's check did not find (unplugged,
 * off, taken by another screen). The shell knows them before any hub does, so every window of the
 * node gets them (page config `darkScreens`, then the `setDarkScreens` host command after a
 * re-plan) and moves its critical tiles off them at once, hub or not; the pages report them to the
 * hub in their health reports, which makes them dead wall-wide (src/hub/dead-screens.ts).
 *
 * They are kept apart from the hub's dead set: the page plans around the union of both, so a hub
 * that has not heard of a dark screen yet never brings it back to life.
 */
import type { DisplayCheck } from '../displays/display-replan.js';
import type { HostCommand } from './host-messages.js';
import type { Wall } from '../wall/model.js';
import { LIMITS } from '../protocol/limits.js';

/** The node's dark screens from its start-up or re-plan check, sorted, each once. */
export function darkScreensOf(check: DisplayCheck): string[] {
  return [...new Set(check.missing.map((m) => m.screenId))].sort();
}

/** The dead set a page plans around: the hub's and its own shell's, together. */
export function unionScreens(...sets: Iterable<string>[]): Set<string> {
  const all = new Set<string>();
  for (const set of sets) for (const s of set) all.add(s);
  return all;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * What the live windows of a node need after a re-plan: the new dark set when it differs from the
 * one they have, else nothing (a re-plan that changes nothing sends nothing).
 */
export function darkScreensCommand(before: readonly string[], after: readonly string[]): HostCommand | null {
  return sameList(before, after) ? null : { type: 'setDarkScreens', screens: [...after] };
}

/** Problems of a page config's `darkScreens` (screens of `wall`, at most LIMITS.screens). */
export function checkDarkScreens(raw: unknown, wall: Partial<Wall> | null | undefined): string[] {
  if (!Array.isArray(raw) || raw.length > LIMITS.screens || !raw.every((s) => typeof s === 'string')) {
    return [`darkScreens must be a list of at most ${LIMITS.screens} screen ids`];
  }
  const known = new Set((Array.isArray(wall?.screens) ? wall.screens : []).map((s) => s.id));
  const unknown = (raw as string[]).filter((s) => !known.has(s));
  return unknown.length > 0 ? [`darkScreens ${unknown.join(', ')} are not screens of the wall`] : [];
}
