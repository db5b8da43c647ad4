import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kindOf } from './files.js';

describe('kindOf', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wallrun-kind-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const kind = (rel: string, text: string) => {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return kindOf(path);
  };

  it('goes by folder, then $schema, then name, then top-level fields of one kind', () => {
    expect(kind('layouts/a.yaml', 'colors: {}\n')).toBe('layout');
    expect(kind('x/a.yaml', '# yaml-language-server: $schema=../schemas/theme.schema.json\ntiles: []\n')).toBe('theme');
    expect(kind('x/wall-site.yaml', 'tiles: []\n')).toBe('wall');
    expect(kind('x/b.yaml', 'id: b\ntitle: B\ntiles:\n  - { id: a }\n')).toBe('layout');
    expect(kind('x/c.yaml', 'id: c\nscreens: []\n')).toBe('wall');
    expect(kind('x/d.yaml', 'id: d\ncolors: {}\n')).toBe('theme');
  });

  it('knows automation.yaml by its name, its $schema, or fields only it has', () => {
    expect(kind('site/automation.yaml', 'schedule: []\n')).toBe('automation');
    expect(kind('x/g.yaml', '# yaml-language-server: $schema=../schemas/automation.schema.json\nschedule: []\n')).toBe('automation');
    expect(kind('x/h.yaml', 'holdMinutes: 10\nrotations: []\n')).toBe('automation');
    // `schedule:` alone is a layout's field too: undecided with another kind's field.
    expect(kind('x/i.yaml', 'schedule: []\ntakeover: {}\ntiles: []\n')).toBeUndefined();
  });

  it('stays undecided when the fields are of several kinds, or of none', () => {
    expect(kind('x/e.yaml', 'tiles: []\nscreens: []\n')).toBeUndefined();
    expect(kind('x/f.yaml', 'id: f\ntitle: F\n  tiles: nested, not top level\n')).toBeUndefined();
  });
});
