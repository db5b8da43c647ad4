/**
 * Follows the hub's layout commands: the wanted command (from `layout:switch` or a snapshot) is
 * switched to at its hub time (WallApp swaps on the first frame at or after it; a time already
 * past swaps on the next frame), one switch at a time, and each swap is reported to the hub with
 * the hub time of its first frame. A two-phase switch's commit (`commandId` = the `switchId` of
 * the prepare) shows the scene prepared for it; without one, the layout is built then. A command already applied (same id) is not applied again, so a
 * reconnect's snapshot does not re-run the last switch.
 */
import { sceneKey } from '../../core/protocol/presets.js';
import type { LayoutCommand, LayoutSwitched } from '../../core/protocol/layout-commands.js';

export interface LayoutFollowerDeps {
  /** What the wall shows now, as core/presets.ts sceneKey (layout id, plus preset@version). */
  current(): string | null;
  /** Whether another switch (or a prepared scene other than `commandId`'s) holds the scene slot. */
  busy(commandId: string): boolean;
  /** Shows the command's layout (its prepared scene if any); resolves whether it is on screen. */
  switchTo(command: LayoutCommand): Promise<boolean>;
  /** Drops a scene prepared for `commandId` (the layout is showing already). */
  drop(commandId: string): void;
  report(report: LayoutSwitched): void;
}

export class LayoutFollower {
  private wanted: LayoutCommand | null = null;
  private applied: string | null = null;
  private running = false;
  /** What the last swap was, for the debug state. */
  public last: LayoutSwitched | null = null;

  public constructor(private readonly d: LayoutFollowerDeps) {}

  /** A command from the hub (live or in a snapshot). */
  public follow(command: LayoutCommand): void {
    if (command.commandId === this.applied) return;
    this.wanted = command;
    this.pump();
  }

  /** Called every frame: retries a command that met a switch already under way. */
  public pump(): void {
    const cmd = this.wanted;
    if (!cmd || this.running || cmd.commandId === this.applied) return;
    if (this.d.busy(cmd.commandId)) return;
    if (this.d.current() === sceneKey(cmd.layout, cmd.preset)) {
      this.d.drop(cmd.commandId);
      this.applied = cmd.commandId;
      return;
    }
    this.running = true;
    void this.d
      .switchTo(cmd)
      .catch(() => false)
      .then(() => {
        this.running = false;
        this.applied = cmd.commandId; // a layout this wall lacks is not retried (the error event says why)
      });
  }

  /** A swap happened (the page's layoutSwitched event, hub time `at`). */
  public onSwitched(layout: string, at: number): void {
    const cmd = this.wanted;
    const commandId = cmd && cmd.layout === layout && cmd.commandId !== this.applied ? cmd.commandId : null;
    this.last = { commandId, layout, at: Math.round(at) };
    this.d.report(this.last);
  }
}
