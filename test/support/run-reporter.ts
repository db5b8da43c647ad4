/**
 * A vitest reporter, registered next to the default one (vitest.config.ts), so that a green run
 * says what it did not run and where the time went: at the end it prints every skipped test
 * (file > name, and why where vitest knows it) and every test file's time, slowest first. It also
 * writes the skipped tests to `.test-report/skipped.json` (`.test-report/slow/` for `npm run
 * test:slow`), which `.ci/run` reads to fail a run in which anything but the Electron-binary tests
 * skipped (README, "Tests and benchmarks").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/**
 * The one suite allowed to skip: it needs Electron's own binary, which npm downloads only with
 * network access. Its describe title starts with this prefix; no other title may.
 */
export const ELECTRON_BINARY_PREFIX = 'Electron binary: ';

export const REPORT_DIR = '.test-report';

export interface SkippedTest {
  file: string;
  /** Suites and test name, joined with " > ". */
  name: string;
  /** `ctx.skip(note)`'s note, else how it was skipped (skip/skipIf/.only elsewhere, todo, or its suite failed first). */
  why: string;
  /** Whether this skip is allowed in CI (an Electron-binary test). */
  allowed: boolean;
}

export interface RunReporterOptions {
  /** Where to write skipped.json and file-times.json (default `.test-report`; `npm run test:slow`: `.test-report/slow`). */
  dir?: string;
}

export default class RunReporter implements Reporter {
  private readonly dir: string;

  public constructor(options: RunReporterOptions = {}) {
    this.dir = options.dir ?? REPORT_DIR;
  }

  public onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = testModules.flatMap((m) => [...m.children.allTests('skipped')].map((t) => describeSkip(m, t)));
    const times = testModules
      .map((m) => ({ file: m.relativeModuleId, ms: moduleMs(m) }))
      .sort((a, b) => b.ms - a.ms);
    const out: string[] = [''];
    out.push(`Skipped tests: ${skipped.length}`);
    for (const s of skipped) out.push(`  ${s.allowed ? ' ' : '!'} ${s.file} > ${s.name}  (${s.why})`);
    out.push('', 'Time per test file, slowest first:');
    for (const t of times) out.push(`  ${(t.ms / 1000).toFixed(1).padStart(7)} s  ${t.file}`);
    out.push('');
    process.stdout.write(out.join('\n') + '\n');
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, 'skipped.json'), JSON.stringify(skipped, null, 2) + '\n');
    writeFileSync(join(this.dir, 'file-times.json'), JSON.stringify(times, null, 2) + '\n');
  }
}

function describeSkip(module: TestModule, test: TestCase): SkippedTest {
  const result = test.result();
  const note = result.state === 'skipped' ? result.note : undefined;
  const mode = test.options.mode;
  // Mode `skip` covers skip, skipIf and another test's .only; a test left in mode `run` yet skipped
  // never started because its suite failed first (a beforeAll hook threw): the run fails anyway.
  const why = note ?? (mode === 'todo' ? 'todo' : mode === 'skip' ? 'skip/skipIf (or .only elsewhere)' : 'not run: its suite failed first (a beforeAll hook threw)');
  return { file: module.relativeModuleId, name: test.fullName, why, allowed: test.fullName.startsWith(ELECTRON_BINARY_PREFIX) };
}

/** The file's wall time as vitest accounts it: setup, import (collect) and its tests and hooks. */
function moduleMs(module: TestModule): number {
  const d = module.diagnostic();
  return d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
}
