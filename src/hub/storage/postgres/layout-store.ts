/**
 * The current layout and presets in PostgreSQL, as sqlite/layout-store.ts and sqlite/preset-store.ts:
 * a switch saved with its audit entry; presets with versions, each change refused unless it names
 * the version it started from (the preset's row is locked while it is checked, so two hubs saving
 * at once cannot both win), one transaction with its audit entry.
 */
import type { LayoutCommand } from '../../../core/protocol/layout-commands.js';
import { LIMITS } from '../../../core/protocol/limits.js';
import type { Preset } from '../../../core/protocol/presets.js';
import type { LayoutStore, PresetStore } from '../store.js';
import type { Actor, LayoutFailure, PresetDelete, PresetWrite } from '../store-types.js';
import type { PgAuditLog } from './audit-log.js';
import type { PgDb, PgTx } from './pg-db.js';

export class PgLayoutStore implements LayoutStore {
  public constructor(
    private readonly db: PgDb,
    private readonly audit: PgAuditLog,
  ) {}

  public async load(): Promise<LayoutCommand | null> {
    const [r] = await this.db.query<{ command: string }>('SELECT command FROM layout_state WHERE id = 1');
    return r ? (JSON.parse(r.command) as LayoutCommand) : null;
  }

  public save(command: LayoutCommand, actor: Actor): Promise<void> {
    return this.db.write(async (tx) => {
      await tx.run('INSERT INTO layout_state (id, command) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET command = excluded.command', [JSON.stringify(command)]);
      await this.audit.writeIn(tx, 'layout', null, actor, command.issuedAt, {
        layout: command.layout,
        at: command.at,
        commandId: command.commandId,
        ...(command.preset ? { preset: command.preset.id, presetVersion: command.preset.version } : {}),
      });
    });
  }

  public saveFailure(failure: LayoutFailure, actor: Actor, at: number): Promise<void> {
    return this.audit.write('layout:failed', null, actor, at, { ...failure });
  }
}

export class PgPresetStore implements PresetStore {
  public constructor(
    private readonly db: PgDb,
    private readonly audit: PgAuditLog,
  ) {}

  public async list(): Promise<Preset[]> {
    return (await this.db.query<{ preset: string }>('SELECT preset FROM presets ORDER BY id')).map((r) => JSON.parse(r.preset) as Preset);
  }

  public async get(id: string): Promise<Preset | null> {
    const [r] = await this.db.query<{ preset: string }>('SELECT preset FROM presets WHERE id = $1', [id]);
    return r ? (JSON.parse(r.preset) as Preset) : null;
  }

  public save(draft: Omit<Preset, 'version' | 'updatedAt' | 'updatedBy'>, baseVersion: number, actor: Actor, now: number): Promise<PresetWrite> {
    return this.db.write(async (tx): Promise<PresetWrite> => {
      const current = await this.locked(tx, draft.id);
      if (baseVersion === 0 && current) return { ok: false, code: 'version-conflict', current };
      if (baseVersion > 0 && !current) return { ok: false, code: 'not-found' };
      if (current && current.version !== baseVersion) return { ok: false, code: 'version-conflict', current };
      if (!current) {
        const [count] = await tx.rows<{ n: number }>('SELECT COUNT(*) AS n FROM presets');
        if (count!.n >= LIMITS.presets) return { ok: false, code: 'preset-limit' };
      }
      const preset: Preset = { ...draft, version: baseVersion + 1, updatedAt: now, updatedBy: actor.name };
      // A new preset created by another hub meanwhile: the insert finds its row and this change is refused, not applied over it.
      const written = await tx.run(
        `INSERT INTO presets (id, preset, version, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET preset = excluded.preset, version = excluded.version, updated_at = excluded.updated_at
         WHERE presets.version = $5`,
        [preset.id, JSON.stringify(preset), preset.version, now, baseVersion],
      );
      if (written === 0) return { ok: false, code: 'version-conflict', current: await this.locked(tx, draft.id) };
      await this.audit.writeIn(tx, 'preset:save', null, actor, now, { preset: preset.id, version: preset.version, layout: preset.layout, cameras: preset.cameras.length });
      return { ok: true, preset, created: !current };
    });
  }

  public delete(id: string, baseVersion: number, actor: Actor, now: number): Promise<PresetDelete> {
    return this.db.write(async (tx): Promise<PresetDelete> => {
      const current = await this.locked(tx, id);
      if (!current) return { ok: false, code: 'not-found' };
      if (current.version !== baseVersion) return { ok: false, code: 'version-conflict', current };
      await tx.run('DELETE FROM presets WHERE id = $1', [id]);
      await this.audit.writeIn(tx, 'preset:delete', null, actor, now, { preset: id, version: current.version });
      return { ok: true, preset: current };
    });
  }

  public async count(): Promise<number> {
    const [r] = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM presets');
    return r!.n;
  }

  private async locked(tx: PgTx, id: string): Promise<Preset | null> {
    const [r] = await tx.rows<{ preset: string }>('SELECT preset FROM presets WHERE id = $1 FOR UPDATE', [id]);
    return r ? (JSON.parse(r.preset) as Preset) : null;
  }
}
