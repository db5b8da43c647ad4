/**
 * The one way a project is read from disk: the wall file, layouts/*.yaml and themes/*.yaml (or the
 * files a caller names) read here and checked together by core (src/core/files/project.ts). Every
 * command and shell that needs the project (validate, render, demo, the hub, Electron main) comes
 * through here and keeps only its own policy: what a missing wall file or an error means to it.
 */
import { existsSync } from 'node:fs';
import { loadProject, type ProjectResult } from '../core/files/project.js';
import { defaultProjectPaths, readSource, type ProjectFiles, type ProjectPaths } from './files.js';

/** A project as read from disk and checked. */
export interface DiskProject {
  /** Where the wall file was looked for (absolute). */
  wallPath: string;
  /** The files as read; `wall` is absent when there is no file at `wallPath`. */
  sources: ProjectFiles;
  /** Core's verdict: the project, or its valid part, with every diagnostic of every file. */
  result: ProjectResult;
}

/**
 * Reads and checks the files at `paths`. A missing wall file is left out (the layouts and themes
 * are still checked; the caller says what the missing wall means). Other read errors throw.
 */
export function loadProjectFiles(paths: ProjectPaths): DiskProject {
  const sources: ProjectFiles = {
    ...(existsSync(paths.wall) ? { wall: readSource(paths.wall) } : {}),
    layouts: paths.layouts.map(readSource),
    themes: paths.themes.map(readSource),
    ...(paths.cameras && existsSync(paths.cameras) ? { cameras: readSource(paths.cameras) } : {}),
    ...(paths.automation && existsSync(paths.automation) ? { automation: readSource(paths.automation) } : {}),
    ...(paths.forecasts && existsSync(paths.forecasts) ? { forecasts: readSource(paths.forecasts) } : {}),
  };
  return { wallPath: paths.wall, sources, result: loadProject(sources) };
}

/** The project in `root`: `wallFile` (default wall.yaml), layouts/*.yaml and themes/*.yaml in name order, cameras.yaml and automation.yaml if any. */
export function loadProjectDir(root: string, wallFile?: string): DiskProject {
  return loadProjectFiles(defaultProjectPaths(root, wallFile));
}
