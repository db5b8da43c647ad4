/**
 * The current layout in the hub's SQLite file (table `layout_state`, one row): a restarted hub
 * tells the walls the layout they showed. Each switch is saved with its audit entry; a switch that
 * did not happen leaves the layout as it was and gets an audit entry of its own (`layout:failed`).
 */
import type Database from 'better-sqlite3';
import type { LayoutCommand } from '../../core/protocol/layout-commands.js';
import type { AuditLog } from './audit-log.js';
import type { Actor, LayoutFailure } from './store-types.js';

export class LayoutStore {
  public constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {}

  public load(): LayoutCommand | null {
    const r = this.db.prepare('SELECT command FROM layout_state WHERE id = 1').get() as { command: string } | undefined;
    return r ? (JSON.parse(r.command) as LayoutCommand) : null;
  }

  public save(command: LayoutCommand, actor: Actor): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO layout_state (id, command) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET command = excluded.command')
        .run(JSON.stringify(command));
      this.audit.write('layout', null, actor, command.issuedAt, {
        layout: command.layout,
        at: command.at,
        commandId: command.commandId,
        ...(command.preset ? { preset: command.preset.id, presetVersion: command.preset.version } : {}),
      });
    })();
  }

  public saveFailure(failure: LayoutFailure, actor: Actor, at: number): void {
    this.audit.write('layout:failed', null, actor, at, { ...failure });
  }
}
