/**
 * The layout controller: the wall's side of the two-phase switch (docs/protocol.md, "5. Layout
 * switch"). On `layout:prepare` it asks the preparer (the renderer: build the scene hidden, start
 * its streams) and answers `layout:prepared { switchId, ok, error? }`; `layout:abort` becomes the
 * bus's `layoutAbort` (the page drops the prepared scene). The commit is `layout:switch`, handled
 * by DataSync like any layout command. Hotkey switches go to the hub as `layout:request` while connected.
 */
import { checkLayoutAbort, checkLayoutPrepare } from '../../core/protocol/protocol-validate.js';
import type { LayoutPrepare } from '../../core/protocol/layout-commands.js';
import type { EventBus } from './bus.js';
import type { WallClientEvents } from './events.js';
import type { HubLink } from './hub-link.js';

/** Builds `layout` hidden for `switchId`; resolves ok once every widget is ready (or placeholdered). */
export type LayoutPreparer = (prepare: LayoutPrepare) => Promise<{ ok: boolean; error?: string }>;

export class LayoutSync {
  private readonly disposers: (() => void)[] = [];

  public constructor(
    private readonly link: HubLink,
    private readonly bus: EventBus<WallClientEvents>,
    private readonly prepare: LayoutPreparer,
  ) {}

  public init(): void {
    this.disposers.push(
      this.link.on('layout:prepare', (raw) => {
        const r = checkLayoutPrepare(raw);
        if (!r.ok) return this.bus.emit('error', { source: 'layout:prepare', error: new Error(`invalid layout:prepare from the hub: ${r.errors.join('; ')}`) });
        const p = r.value;
        void this.prepare(p)
          .catch((err: unknown) => ({ ok: false, error: err instanceof Error ? err.message : String(err) }))
          .then((res) => {
            this.link.send('layout:prepared', { switchId: p.switchId, ok: res.ok, ...(res.ok || res.error === undefined ? {} : { error: res.error.slice(0, 2000) }) });
          });
      }),
      this.link.on('layout:abort', (raw) => {
        const r = checkLayoutAbort(raw);
        if (r.ok) this.bus.emit('layoutAbort', r.value);
        else this.bus.emit('error', { source: 'layout:abort', error: new Error(`invalid layout:abort from the hub: ${r.errors.join('; ')}`) });
      }),
    );
  }

  /** Asks the hub to switch the whole wall; false when not connected (the caller switches locally). */
  public request(layout: string): boolean {
    return this.link.send('layout:request', { layout });
  }

  public destroy(): void {
    for (const d of this.disposers.splice(0)) d();
  }
}
