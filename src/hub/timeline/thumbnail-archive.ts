/**
 * The timeline's pictures (docs/timeline.md): each window's thumbnail kept as a file at an
 * interval, in `<dataDir>/timeline/thumbnails/<YYYY-MM-DD>/<at>_<node>_<window>.<jpg|png|webp>` (the day
 * in UTC; files 600, folders 700), never in the database. Bounded by age (the timeline's days) and
 * by a size budget: over it, the oldest files go first.
 */
import { readdirSync, rmSync, statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../storage/private-files.js';

interface Kept {
  file: string;
  at: number;
  bytes: number;
}

const NAME = /^(\d+)_([A-Za-z0-9._:-]+)_([A-Za-z0-9._:-]+)\.(jpg|png|webp)$/;
const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export class ThumbnailArchive {
  private readonly kept: Kept[] = [];
  private total = 0;

  public constructor(
    private readonly dir: string,
    private readonly budgetBytes: number,
  ) {}

  /** Reads what an earlier run kept (oldest first). */
  public init(): void {
    ensurePrivateDir(this.dir);
    for (const day of readdirSync(this.dir).sort()) {
      const dayDir = path.join(this.dir, day);
      for (const name of readdirSync(dayDir)) {
        const m = NAME.exec(name);
        if (!m) continue;
        const file = path.join(day, name);
        this.kept.push({ file, at: Number(m[1]), bytes: statSync(path.join(this.dir, file)).size });
      }
    }
    this.kept.sort((a, b) => a.at - b.at);
    this.total = this.kept.reduce((n, k) => n + k.bytes, 0);
  }

  /** Writes one picture; returns its path relative to the archive. */
  public add(node: string, window: string, at: number, mime: keyof typeof EXTENSION, data: Buffer): string {
    const day = new Date(at).toISOString().slice(0, 10);
    ensurePrivateDir(path.join(this.dir, day));
    const file = path.join(day, `${at}_${node}_${window}.${EXTENSION[mime]}`);
    writeFileSync(path.join(this.dir, file), data, { mode: PRIVATE_FILE_MODE });
    this.kept.push({ file, at, bytes: data.length });
    this.total += data.length;
    while (this.total > this.budgetBytes && this.kept.length > 1) this.remove(this.kept[0]!);
    return file;
  }

  /** The picture's bytes, or null when pruned (or a name that is not the archive's). */
  public read(file: string): Buffer | null {
    if (!this.kept.some((k) => k.file === file)) return null;
    const full = path.join(this.dir, file);
    return existsSync(full) ? readFileSync(full) : null;
  }

  /** Deletes pictures older than `before`; how many. */
  public prune(before: number): number {
    let n = 0;
    while (this.kept.length && this.kept[0]!.at < before) {
      this.remove(this.kept[0]!);
      n++;
    }
    return n;
  }

  public get bytes(): number {
    return this.total;
  }

  private remove(k: Kept): void {
    this.kept.splice(this.kept.indexOf(k), 1);
    this.total -= k.bytes;
    rmSync(path.join(this.dir, k.file), { force: true });
    const dayDir = path.join(this.dir, path.dirname(k.file));
    if (existsSync(dayDir) && readdirSync(dayDir).length === 0) rmSync(dayDir, { recursive: true, force: true });
  }
}
