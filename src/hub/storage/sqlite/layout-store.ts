/**
 * The current layout in the hub's SQLite file (table `layout_state`, one row): a restarted hub
 * tells the walls the layout they showed. Each switch is saved with its audit entry; a switch that
 * did not happen leaves the layout as it was and gets an audit entry of its own (`layout:failed`).
 */
import type Database from 'better-sqlite3';
import type { LayoutCommand } from '../../../core/protocol/layout-commands.js';
import type { SqliteAuditLog } from './audit-log.js';
import type { LayoutStore } from '../store.js';
import type { Actor, LayoutFailure } from '../store-types.js';

export class SqliteLayoutStore implements LayoutStore {
  public constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAuditLog,
  ) {}

  public async load(): Promise<LayoutCommand | null> {
    const r = this.db.prepare('SELECT command FROM layout_state WHERE id = 1').get() as { command: string } | undefined;
    return r ? (JSON.parse(r.command) as LayoutCommand) : null;
  }

  public async save(command: LayoutCommand, actor: Actor): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO layout_state (id, command) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET command = excluded.command')
        .run(JSON.stringify(command));
      this.audit.writeNow('layout', null, actor, command.issuedAt, {
        layout: command.layout,
        at: command.at,
        commandId: command.commandId,
        ...(command.preset ? { preset: command.preset.id, presetVersion: command.preset.version } : {}),
      });
    })();
  }

  public async saveFailure(failure: LayoutFailure, actor: Actor, at: number): Promise<void> {
    this.audit.writeNow('layout:failed', null, actor, at, { ...failure });
  }
}
