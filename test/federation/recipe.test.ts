/**
 * docs/federation.md's two-hub recipe as written: both nats-server configs pass `nats-server -t`
 * (only the JetStream directory is moved to a temporary one), and both federation.yaml files load
 * without a diagnostic.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseFederation } from '../../src/core/files/federation.js';
import { tempDir } from '../support/hub-fixtures.js';

const doc = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/federation.md'), 'utf8');

/** The code block that follows `heading` in the document. */
function blockAfter(heading: string): string {
  const at = doc.indexOf(heading);
  expect(at, heading).toBeGreaterThan(-1);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(doc.slice(at));
  return m![1]!;
}

describe('docs/federation.md recipe', () => {
  const tmp = tempDir('wallrun-recipe-');
  afterAll(() => tmp.remove());

  it.each(['**Province** `/etc/nats-server.conf`', '**Sub-centre** `/etc/nats-server.conf`'])('%s is a valid nats-server config', (heading) => {
    const file = path.join(tmp.dir, `${heading.includes('Province') ? 'province' : 'sub'}.conf`);
    writeFileSync(file, blockAfter(heading).replace('/var/lib/nats/jetstream', path.join(tmp.dir, 'js')));
    expect(execFileSync('nats-server', ['-c', file, '-t'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
  });

  it.each(['**Province** project `federation.yaml`', '**Sub-centre** project `federation.yaml`'])('%s loads without a diagnostic', (heading) => {
    const analysis = analyseFederation({ path: 'federation.yaml', bytes: new TextEncoder().encode(blockAfter(heading)) });
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.value?.role).toBe(heading.includes('Province') ? 'province' : 'sub-centre');
  });
});
