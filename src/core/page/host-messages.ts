/**
 * The messages that cross between a wall page and its host: events the page emits (ready, switched,
 * errors, fps…), commands the host sends (switch, publish, alerts, dead and dark screens), and the
 * check a host applies to an event before acting on it. Plain JSON, since they cross a process or
 * context boundary. Below host-api.ts so producers of commands (dark-screens.ts) need not import
 * the whole host API.
 */
import type { Alert } from '../protocol/alerts.js';

/**
 * An alert as the wall shows it: the hub protocol's Alert, unchanged, so the hub client passes
 * alerts through without mapping. Title and message are plain text, always (never HTML).
 */
export type PageAlert = Alert;

/** Stable codes for page errors, so hosts can react without parsing messages. */
export type PageErrorCode =
  | 'config-invalid'
  | 'layout-missing'
  | 'layout-invalid'
  | 'switch-busy'
  | 'widget-failed'
  | 'fonts-failed'
  | 'webgl-context-lost'
  | 'viewport-too-large'
  | 'render-backend-unavailable'
  | 'uncaught';

/** Events from the page to its host. */
export type PageEvent =
  /** The first layout is on screen: every widget ready or timed out to a placeholder. */
  | { type: 'ready'; windowId: string; layout: string; at: number }
  /** A layout switch swapped scenes on frame `frame` (the first frame showing `to`). */
  | { type: 'layoutSwitched'; from: string; to: string; at: number; frame: number }
  /** Two-phase switch: the scene for `switchId` is built hidden (ok) or cannot be (`error`). */
  | { type: 'layoutPrepared'; switchId: string; layout: string; ok: boolean; error?: string }
  | { type: 'error'; code: PageErrorCode; message: string; layout?: string; tile?: string }
  /** Frames per second over the last second, measured from requestAnimationFrame. */
  | { type: 'fps'; fps: number; frame: number }
  | { type: 'contextLost'; at: number }
  /** The WebGL context came back and the scene was rebuilt on it. */
  | { type: 'contextRestored'; at: number; layout: string };

export type PageEventType = PageEvent['type'];

/** Commands from the host to the page. */
export type HostCommand =
  /**
   * Switch layouts. With `at` (wall-clock ms, hub-synchronised), the new scene is prepared now and
   * swapped in on the first frame at or after `at`, so every window of the wall swaps together.
   */
  | { type: 'switchLayout'; layout: string; at?: number }
  /**
   * Two-phase switch (a host that is the window's hub client, or the page's own hub client): build
   * `layout` hidden now and answer `layoutPrepared`; `commitLayout` shows it on the first frame at
   * or after wall time `at`; `abortLayout` drops it and keeps the current layout.
   */
  | { type: 'prepareLayout'; switchId: string; layout: string }
  | { type: 'commitLayout'; switchId: string; layout: string; at: number }
  | { type: 'abortLayout'; switchId: string }
  | { type: 'publish'; topic: string; value: unknown; t?: number }
  | { type: 'raiseAlert'; alert: PageAlert }
  | { type: 'clearAlert'; id: string }
  /**
   * Degraded mode: the hub's complete set of dead screens (its `degraded` event, from a host that
   * is the window's hub client). The page re-plans its layout around these and its dark screens;
   * an empty list leaves only the dark ones.
   */
  | { type: 'setDeadScreens'; screens: string[] }
  /**
   * Degraded mode: the complete set of this node's dark screens after a re-plan (a display came
   * or went; replaces the config's `darkScreens`). Kept apart from the hub's set; the page plans
   * around both and reports these to the hub.
   */
  | { type: 'setDarkScreens'; screens: string[] }
  /**
   * A web tile's frame at `url` (the URL the frame requested) cannot show its page: the response
   * refused framing, asked for a sign-in (or the node has no secret for its credential), answered
   * an HTTP error, or never came. Decided by the shell from the response (docs/security.md).
   * 'unresponsive': the frame's renderer stopped answering the shell's probes (a hung script, a
   * dead frame process; core/kiosk/frame-hang.ts); `url` is then the frame's current URL and the
   * page reloads the tiles showing it, or else those of its origin (they share the hung process).
   */
  | { type: 'webFrameStatus'; url: string; status: WebFrameStatus; reason: string };

/** Why a web tile's frame shows no page (the `webFrameStatus` command). */
export type WebFrameStatus = 'refused' | 'sign-in-expired' | 'http-error' | 'unreachable' | 'unresponsive';

const ERROR_CODES: readonly PageErrorCode[] = [
  'config-invalid', 'layout-missing', 'layout-invalid', 'switch-busy', 'widget-failed',
  'fonts-failed', 'webgl-context-lost', 'viewport-too-large', 'render-backend-unavailable', 'uncaught',
];

/** Each event type's fields besides `type`: 's' string, 's?' optional string, 'n' finite number, 'b' boolean. */
const EVENT_FIELDS: Record<PageEventType, Record<string, 's' | 's?' | 'n' | 'b'>> = {
  ready: { windowId: 's', layout: 's', at: 'n' },
  layoutSwitched: { from: 's', to: 's', at: 'n', frame: 'n' },
  layoutPrepared: { switchId: 's', layout: 's', ok: 'b', error: 's?' },
  error: { code: 's', message: 's', layout: 's?', tile: 's?' },
  fps: { fps: 'n', frame: 'n' },
  contextLost: { at: 'n' },
  contextRestored: { at: 'n', layout: 's' },
};

/** Checks a PageEvent from the page at a process boundary; returns problems (empty when usable). */
export function checkPageEvent(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['event is not an object'];
  const e = raw as Record<string, unknown>;
  const fields = typeof e.type === 'string' && Object.hasOwn(EVENT_FIELDS, e.type) ? EVENT_FIELDS[e.type as PageEventType] : undefined;
  if (!fields) return [`unknown event type ${JSON.stringify(e.type)}`];
  const problems: string[] = [];
  for (const [key, kind] of Object.entries(fields)) {
    const v = e[key];
    if (kind === 'n') {
      if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${key} must be a finite number`);
    } else if (kind === 'b') {
      if (typeof v !== 'boolean') problems.push(`${key} must be a boolean`);
    } else if (!(v === undefined && kind === 's?') && (typeof v !== 'string' || v.length > 4096)) {
      problems.push(`${key} must be a string of at most 4096 characters`);
    }
  }
  if (e.type === 'error' && !ERROR_CODES.includes(e.code as PageErrorCode)) problems.push(`unknown error code ${JSON.stringify(e.code)}`);
  return problems;
}
