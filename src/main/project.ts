/**
 * The kiosk's project: read by the one loader (src/node/project-loader.ts, as `wallrun validate`
 * reads it), its diagnostics turned into the lines main logs and shows, and watched: a good edit
 * replaces the running project, a bad one is logged with its diagnostics and the last good project
 * keeps running.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '../core/files/diagnostics.js';
import type { Project } from '../core/wall/model.js';
import { loadProjectDir } from '../node/project-loader.js';

export type ProjectLoad = { ok: true; project: Project; warnings: string[] } | { ok: false; errors: string[] };

/** Reads and validates wall.yaml, layouts/*.yaml and themes/*.yaml under `root`; never throws. */
export function readProject(root: string): ProjectLoad {
  try {
    const { wallPath, sources, result } = loadProjectDir(root);
    if (!sources.wall) return { ok: false, errors: [`${wallPath}: no such file (is ${root} a wallrun project?)`] };
    const lines = result.diagnostics.map(formatDiagnostic);
    return result.ok ? { ok: true, project: result.value, warnings: lines } : { ok: false, errors: lines.length > 0 ? lines : ['the project is invalid'] };
  } catch (err) {
    return { ok: false, errors: [`cannot read the project in ${root}: ${(err as Error).message}`] };
  }
}

export interface ProjectWatchHooks {
  /** A changed project that validates. */
  onProject(project: Project): void;
  /** A change that does not validate: the running project stays. */
  onInvalid(errors: string[]): void;
}

/** Watches the project's files; reloads 500 ms after the last change. */
export class ProjectWatcher {
  private readonly watchers: FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: string | undefined;

  public constructor(
    private readonly root: string,
    private readonly hooks: ProjectWatchHooks,
    current?: Project,
  ) {
    this.last = current ? JSON.stringify(current) : undefined;
  }

  public init(): void {
    for (const dir of [this.root, join(this.root, 'layouts'), join(this.root, 'themes')]) {
      if (!existsSync(dir)) continue;
      try {
        const w = watch(dir, { persistent: false }, (_kind, name) => {
          if (name === null || /\.ya?ml$/i.test(String(name))) this.schedule();
        });
        w.on('error', () => undefined);
        this.watchers.push(w);
      } catch {
        // Not watchable (e.g. inside app.asar): the shipped project never changes anyway.
      }
    }
  }

  public destroy(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers.splice(0)) w.close();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), 500);
  }

  private reload(): void {
    const load = readProject(this.root);
    if (!load.ok) {
      this.hooks.onInvalid(load.errors);
      return;
    }
    const text = JSON.stringify(load.project);
    if (text === this.last) return;
    this.last = text;
    this.hooks.onProject(load.project);
  }
}
