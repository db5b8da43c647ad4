import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

const shipped = [
  'wall.yaml',
  ...readdirSync(join(repoRoot, 'layouts')).map((f) => `layouts/${f}`),
  ...readdirSync(join(repoRoot, 'themes')).map((f) => `themes/${f}`),
].filter((f) => f.endsWith('.yaml'));

describe('shipped files', () => {
  it('include the five IOC layouts the demo promises', () => {
    for (const id of ['overview', 'traffic', 'warnings', 'flood', 'emergency']) expect(shipped).toContain(`layouts/${id}.yaml`);
  });

  it.each(shipped)('%s names its JSON Schema on its first line, so editors check it', (file) => {
    const first = readFileSync(join(repoRoot, file), 'utf8').split('\n')[0] ?? '';
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match, first).not.toBeNull();
    const schema = resolve(dirname(join(repoRoot, file)), match![1]!);
    const kind = file === 'wall.yaml' ? 'wall' : file.startsWith('layouts/') ? 'layout' : 'theme';
    expect(schema).toBe(join(repoRoot, `schemas/${kind}.schema.json`));
    expect(existsSync(schema)).toBe(true);
  });
});
