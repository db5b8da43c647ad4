/**
 * The rules of a layout's `degraded` section beyond the schema: the priorities in order, and every
 * screen a fallback names present in wall.yaml.
 */
import type { Diagnostic } from './diagnostics.js';
import type { DegradedRules, Wall } from '../wall/model.js';
import { priorityRank } from '../wall/degraded.js';
import { didYouMean } from './suggest.js';
import { diagnosticAt, type YamlFile } from './yaml-position.js';

/** `degraded.displace` must be below `minPriority`: a tile that moves is never hidden under another. */
export function checkDegraded(yaml: YamlFile, degraded: DegradedRules | undefined): Diagnostic[] {
  if (!degraded || priorityRank(degraded.displace) < priorityRank(degraded.minPriority)) return [];
  const message = `displace "${degraded.displace}" must be a lower priority than minPriority "${degraded.minPriority}" (a tile that moves is never hidden)`;
  return [diagnosticAt(yaml, ['degraded', 'displace'], 'degraded-displace-too-high', message)];
}

/** Every screen a fallback rule names exists in wall.yaml. */
export function checkDegradedOnWall(yaml: YamlFile, wall: Wall, degraded: DegradedRules | undefined): Diagnostic[] {
  if (!degraded) return [];
  const known = wall.screens.map((s) => s.id);
  const out: Diagnostic[] = [];
  degraded.fallback.forEach((rule, i) => {
    for (const side of ['from', 'to'] as const) {
      rule[side].forEach((id, j) => {
        if (known.includes(id)) return;
        const hint = didYouMean(id, known) || ` (screens: ${known.join(', ')})`;
        out.push(diagnosticAt(yaml, ['degraded', 'fallback', i, side, j], 'unknown-screen', `unknown screen "${id}"${hint}`));
      });
    }
  });
  return out;
}
