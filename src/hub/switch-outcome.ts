/**
 * How a layout switch ended (switch-coordinator.ts), and the audit entry of one that did not happen:
 * refused (`unknown-layout`), replaced in the queue by a later request (`switch-superseded`) or aborted (`switch-aborted`, with the windows that failed).
 */
import type { LayoutCommand, PresetRef } from '../core/protocol/layout-commands.js';
import type { SwitchRecord } from '../core/protocol/walls.js';
import type { LayoutService } from './layouts.js';
import type { Actor } from './storage/store-types.js';

export type SwitchOutcome =
  | { ok: true; command: LayoutCommand; record: SwitchRecord }
  | { ok: false; code: 'unknown-layout' | 'switch-superseded' | 'switch-aborted'; message: string; record?: SwitchRecord };

type Failed = Extract<SwitchOutcome, { ok: false }>;

/**
 * Writes the `layout:failed` audit entry of `outcome` (behind: the answer does not wait) and returns it. A failed write is logged, not
 * thrown: the trail is for people, and must not change what the requester is told.
 */
export function failedSwitch(
  d: { layouts: Pick<LayoutService, 'recordFailure'>; log: (message: string) => void },
  outcome: Failed,
  attempt: { layout: string; actor: Actor; preset?: PresetRef | undefined; record?: SwitchRecord },
): Failed {
  const { layout, preset, record } = attempt;
  const notWritten = (e: unknown): void => d.log(`switch to "${layout}" (${outcome.code}): could not write its audit entry: ${(e as Error).message}`);
  const failure = {
    code: outcome.code,
    reason: outcome.message,
    layout,
    ...(preset ? { preset: preset.id, presetVersion: preset.version } : {}),
    ...(record ? { switchId: record.switchId, failed: record.failed } : {}),
  };
  try {
    void d.layouts.recordFailure(failure, attempt.actor).catch(notWritten);
  } catch (e) {
    notWritten(e); // a store that throws at once rather than rejecting
  }
  return outcome;
}
