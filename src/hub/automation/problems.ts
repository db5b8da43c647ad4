/**
 * The automation's entries the hub cannot run (GET /api/schedule `problems`): a schedule entry,
 * rotation item or takeover rule naming a preset that does not exist (presets change at run time,
 * after the files were checked) or a layout the hub does not know. Each is a sentence; such an
 * entry switches nothing when its time comes.
 */
import type { Automation, SwitchTarget } from '../../core/automation/model.js';

export function automationProblems(
  automation: Automation,
  presetExists: (id: string) => boolean,
  layoutRefusal: (id: string) => string | null,
): string[] {
  const out: string[] = [];
  const check = (where: string, t: SwitchTarget): void => {
    if ('preset' in t) {
      if (!presetExists(t.preset)) out.push(`${where}: no preset "${t.preset}": it will not switch`);
      return;
    }
    const refused = layoutRefusal(t.layout);
    if (refused) out.push(`${where}: ${refused}: it will not switch`);
  };
  for (const e of automation.schedule) check(`schedule entry "${e.id}"`, e.target);
  for (const r of automation.rotations) r.items.forEach((item, i) => check(`rotation "${r.id}" item ${i + 1}`, item.target));
  for (const r of automation.takeover.rules) check(`takeover rule "${r.id}"`, r.target);
  return out;
}

/** The presets automation.yaml names (read from the store before the problems are listed). */
export function automationPresetIds(automation: Automation): string[] {
  const targets = [
    ...automation.schedule.map((e) => e.target),
    ...automation.rotations.flatMap((r) => r.items.map((item) => item.target)),
    ...automation.takeover.rules.map((r) => r.target),
  ];
  return [...new Set(targets.flatMap((t) => ('preset' in t ? [t.preset] : [])))];
}
