// The operator directory on the wire (docs/protocol.md, "Operator directory"): snapshots carry
// names and salted digests, never a PIN, badge or token; with an operators file the hub refuses
// acks naming someone not in it. Spoken with a raw socket.io client.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOperator, secretDigest } from '../../src/core/protocol/operators.js';
import { checkSnapshot } from '../../src/core/protocol/protocol-validate.js';
import { OperatorRegistry, parseOperatorSpecs, readOperatorsFile } from '../../src/hub/operators.js';
import { TOKENS, TOKEN_SPECS, api, nextEvent, rawWall, tempDir, testHub, type RawWallSocket } from '../support/hub-fixtures.js';

const OPERATORS = [
  { name: 'Nguyễn Văn An', pin: '4827', badge: 'BADGE-00417' },
  { name: 'Lê Thị Hoa', pinSha256: secretDigest('9051') },
];

describe('operator directory', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const connect = async (url: string): Promise<{ s: RawWallSocket; snapshot: unknown }> => {
    const s = rawWall(url);
    cleanups.push(() => void s.disconnect());
    return { s, snapshot: await nextEvent(s, 'snapshot') };
  };

  it('sends walls names and salted digests that PINs, badges and operator tokens match, and no secret', async () => {
    const hub = await testHub({ operators: OPERATORS });
    cleanups.push(() => hub.cleanup());
    const { snapshot } = await connect(hub.url);
    const checked = checkSnapshot(snapshot);
    expect(checked.ok).toBe(true);
    const dir = checked.ok ? checked.value.operators : undefined;
    // Editors are operators too (they may also change presets): their tokens acknowledge on walls.
    expect(dir?.operators.map((o) => o.name).sort()).toEqual(['Lê Thị Hoa', 'Nguyễn Thị Lan', 'Nguyễn Văn An', 'Trần Văn Bình']);
    expect(findOperator(dir, TOKENS.editor)).toBe('Trần Văn Bình');
    expect(findOperator(dir, '4827')).toBe('Nguyễn Văn An');
    expect(findOperator(dir, 'BADGE-00417\n')).toBe('Nguyễn Văn An');
    expect(findOperator(dir, '9051')).toBe('Lê Thị Hoa');
    expect(findOperator(dir, TOKENS.operator)).toBe('Nguyễn Thị Lan');
    expect(findOperator(dir, '0000')).toBeNull();
    const wire = JSON.stringify(snapshot);
    for (const secret of ['4827', 'BADGE-00417', TOKENS.operator, secretDigest('4827'), secretDigest('9051'), secretDigest(TOKENS.operator)]) {
      expect(wire).not.toContain(secret);
    }
  });

  it('refuses, for good, an ack naming someone not in the operators file', async () => {
    const hub = await testHub({ operators: OPERATORS });
    cleanups.push(() => hub.cleanup());
    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'op-1', severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập' });
    const { s } = await connect(hub.url);
    const ack = (operator: string) => ({ ackId: crypto.randomUUID(), alertId: 'op-1', operator, screen: 'r1c1', at: Date.now() });
    expect(await s.timeout(5000).emitWithAck('ack', ack('Kẻ lạ') as never)).toMatchObject({ ok: false, reason: 'forbidden', permanent: true });
    expect(await s.timeout(5000).emitWithAck('ack', ack('Nguyễn Thị Lan') as never)).toMatchObject({ ok: true, duplicate: false });
    const audit = (await api(hub.url, 'GET', '/api/audit?alertId=op-1&action=ack,ack:refused', TOKENS.operator)).body.audit;
    expect(audit.map((e: { action: string; actor: string; channel: string; detail: { code?: string } }) => [e.action, e.actor, e.channel, e.detail.code])).toEqual([
      ['ack', 'Nguyễn Thị Lan', 'wall', undefined],
      ['ack:refused', 'Kẻ lạ', 'wall', 'forbidden'],
    ]);
  });

  it('reads operators.json from the data directory; without one, walls may name anyone (version 1 behaviour)', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    mkdirSync(tmp.dir, { recursive: true });
    writeFileSync(path.join(tmp.dir, 'operators.json'), JSON.stringify({ operators: OPERATORS }));
    expect(readOperatorsFile(tmp.dir)).toEqual(OPERATORS);
    const none = new OperatorRegistry(null, TOKEN_SPECS);
    expect(none.mayAcknowledge('Ai cũng được')).toBe(true);
    expect(none.directory?.operators.map((o) => o.name)).toEqual(['Nguyễn Thị Lan', 'Trần Văn Bình']);
    const some = new OperatorRegistry(OPERATORS, TOKEN_SPECS);
    expect(some.mayAcknowledge('Ai cũng được')).toBe(false);
    expect(some.mayAcknowledge('Le\u0302 Thi\u0323 Hoa'.normalize('NFD'))).toBe(true);
  });

  it('names every problem of an operators file without echoing a secret; one credential names one operator', () => {
    let message = '';
    try {
      parseOperatorSpecs({ operators: [{ name: '', pin: '12' }, { name: 'B', pin: '5555', pinSha256: 'x' }, { name: 'C' }, { name: 'D', pin: '7777', role: 'admin' }] }, 'operators.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/operators\[0\]\.name[\s\S]*operators\[0\]\.pin: 4 to 12 digits[\s\S]*operators\[1\]: give at most one of pin, pinSha256[\s\S]*operators\[2\]: needs a pin[\s\S]*operators\[3\]: unknown field\(s\) role/);
    expect(message).not.toMatch(/5555|7777/);
    expect(() => new OperatorRegistry([{ name: 'A', pin: '1234' }, { name: 'B', pin: '1234' }], [])).toThrow(/PIN of B is also A's/);
    expect(() => new OperatorRegistry([{ name: 'A', pin: '1234' }, { name: 'B', pin: '1234' }], [])).not.toThrow(/1234/);
  });

  it('accepts health reports without memory (browsers that do not tell it)', async () => {
    const hub = await testHub();
    cleanups.push(() => hub.cleanup());
    const { s } = await connect(hub.url);
    s.emit('health', { at: Date.now(), layout: 'overview', fps: 58, streams: [] });
    await s.timeout(5000).emitWithAck('clock:ping', Date.now());
    const walls = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls;
    expect(walls[0].health).toMatchObject({ fps: 58 });
  });
});
