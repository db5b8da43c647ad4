/**
 * Presets in the hub's SQLite file (table `presets`, schema step 2). Every change is one
 * transaction with its audit entry, and is refused unless it names the version it started from:
 * two editors saving the same preset cannot overwrite each other's work without seeing it.
 */
import type Database from 'better-sqlite3';
import type { Preset } from '../../../core/protocol/presets.js';
import { LIMITS } from '../../../core/protocol/limits.js';
import type { SqliteAuditLog } from './audit-log.js';
import type { PresetStore } from '../store.js';
import type { Actor, PresetDelete, PresetWrite } from '../store-types.js';

export class SqlitePresetStore implements PresetStore {
  public constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAuditLog,
  ) {}

  public async list(): Promise<Preset[]> {
    const rows = this.db.prepare('SELECT preset FROM presets ORDER BY id').all() as { preset: string }[];
    return rows.map((r) => JSON.parse(r.preset) as Preset);
  }

  public async get(id: string): Promise<Preset | null> {
    return this.getNow(id);
  }

  private getNow(id: string): Preset | null {
    const r = this.db.prepare('SELECT preset FROM presets WHERE id = ?').get(id) as { preset: string } | undefined;
    return r ? (JSON.parse(r.preset) as Preset) : null;
  }

  /**
   * Creates (`baseVersion` 0) or replaces (`baseVersion` = the stored version) a preset; its
   * version becomes baseVersion + 1.
   */
  public async save(draft: Omit<Preset, 'version' | 'updatedAt' | 'updatedBy'>, baseVersion: number, actor: Actor, now: number): Promise<PresetWrite> {
    return this.db.transaction((): PresetWrite => {
      const current = this.getNow(draft.id);
      if (baseVersion === 0 && current) return { ok: false, code: 'version-conflict', current };
      if (baseVersion > 0 && !current) return { ok: false, code: 'not-found' };
      if (current && current.version !== baseVersion) return { ok: false, code: 'version-conflict', current };
      if (!current && this.countNow() >= LIMITS.presets) return { ok: false, code: 'preset-limit' };
      const preset: Preset = { ...draft, version: baseVersion + 1, updatedAt: now, updatedBy: actor.name };
      this.db
        .prepare(
          `INSERT INTO presets (id, preset, version, updated_at) VALUES (@id, @preset, @version, @at)
           ON CONFLICT(id) DO UPDATE SET preset = excluded.preset, version = excluded.version, updated_at = excluded.updated_at`,
        )
        .run({ id: preset.id, preset: JSON.stringify(preset), version: preset.version, at: now });
      this.audit.writeNow('preset:save', null, actor, now, { preset: preset.id, version: preset.version, layout: preset.layout, cameras: preset.cameras.length });
      return { ok: true, preset, created: !current };
    })();
  }

  /** Deletes the preset if it is still at `baseVersion`. */
  public async delete(id: string, baseVersion: number, actor: Actor, now: number): Promise<PresetDelete> {
    return this.db.transaction((): PresetDelete => {
      const current = this.getNow(id);
      if (!current) return { ok: false, code: 'not-found' };
      if (current.version !== baseVersion) return { ok: false, code: 'version-conflict', current };
      this.db.prepare('DELETE FROM presets WHERE id = ?').run(id);
      this.audit.writeNow('preset:delete', null, actor, now, { preset: id, version: current.version });
      return { ok: true, preset: current };
    })();
  }

  public async count(): Promise<number> {
    return this.countNow();
  }

  private countNow(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM presets').get() as { n: number }).n;
  }
}
