/**
 * Layout switching on the wire (docs/protocol.md "5. Layout switch", "Presets"): the command
 * every wall obeys, the two-phase prepare / commit / abort, the walls' answers and requests, and
 * the preset a layout may show (its camera tiles re-pointed). Pure types.
 */

/** A caption in Vietnamese, optionally English: how camera labels travel. */
export interface WireLabel {
  vi: string;
  en?: string;
}

/** One camera tile of a preset's layout showing another camera of the project than its file says. */
export interface CameraChoice {
  /** A camera tile of the layout. */
  tile: string;
  /** The camera's HLS source, one of the project's cameras (src/core/protocol/presets.ts, cameraCatalogue). */
  source: string;
  /** Its caption, from the catalogue. */
  label?: WireLabel;
}

/** The preset a layout command shows: its layout with these camera tiles re-pointed. */
export interface PresetRef {
  id: string;
  /** The preset's version when it was activated; a later edit does not change a wall showing it. */
  version: number;
  cameras: CameraChoice[];
}

/** Switch every wall to `layout` on the first frame at or after hub time `at`. */
export interface LayoutCommand {
  commandId: string;
  layout: string;
  at: number;
  issuedAt: number;
  /** Name of the operator who asked. */
  by: string;
  /** Activated through a preset: the layout shows the preset's cameras. Absent: the layout as its file says. */
  preset?: PresetRef;
}

/**
 * Two-phase switch, phase 1 (hub → every two-phase window): build `layout` hidden now (streams
 * started) and answer `layout:prepared` before hub time `deadline`. Phase 2 is `layout:switch`
 * (the commit, `commandId` = `switchId`) or `layout:abort`.
 */
export interface LayoutPrepare {
  switchId: string;
  layout: string;
  /** As in LayoutCommand: build the layout with the preset's cameras. */
  preset?: PresetRef;
  /** Hub time by which the hub wants every answer; later, it aborts. */
  deadline: number;
  by: string;
}

/** A window's answer to `layout:prepare`: the scene is built and hidden (ok) or cannot be. */
export interface LayoutPrepared {
  switchId: string;
  ok: boolean;
  /** Why not (plain text), when `ok` is false. */
  error?: string;
}

/** Two-phase switch aborted: drop the prepared scene, keep the current layout. */
export interface LayoutAbort {
  switchId: string;
  reason: string;
}

/** A wall asks the hub to switch the whole wall (a local hotkey while connected). */
export interface LayoutRequest {
  layout: string;
}

/** A wall's report that it swapped scenes. */
export interface LayoutSwitched {
  commandId: string | null;
  layout: string;
  /** Hub time of the first frame showing the layout. */
  at: number;
}
