import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLayout, loadWall } from '../../core/files/validate.js';
import type { Layout, Wall } from '../../core/wall/model.js';
import { CameraPool } from './camera-pool.js';
import { decodingNodes, NodesLease } from './camera-nodes.js';

const root = join(import.meta.dirname, '../../..');
function load<T>(loader: typeof loadWall | typeof loadLayout, path: string): T {
  const r = loader({ path, bytes: new Uint8Array(readFileSync(join(root, path))) });
  if (!r.ok) throw new Error(`${path} must load`);
  return r.value as T;
}
const wall = load<Wall>(loadWall, 'wall.yaml');
const traffic = load<Layout>(loadLayout, 'layouts/traffic.yaml');
const cameras = traffic.tiles.filter((t) => t.widget === 'camera');

const fakeSource = (): { setMaxSize(): void; destroy(): void } => ({ setMaxSize: () => undefined, destroy: () => undefined });
const size = { width: 960, height: 540 };

describe('decodingNodes', () => {
  it("on the wall, a window's tiles use its own node", () => {
    for (const tile of cameras) expect(decodingNodes(wall, traffic, tile, 'node-2')).toEqual(['node-2']);
  });

  it('in a review window, each tile uses the nodes whose screens it covers, as lint counts', () => {
    const perNode = new Map<string, number>();
    for (const tile of cameras) for (const n of decodingNodes(wall, traffic, tile, 'review')) perNode.set(n, (perNode.get(n) ?? 0) + 1);
    // traffic.yaml: six cameras on node-1's row, six on node-2's, each within its budget of 8.
    expect(Object.fromEntries(perNode)).toEqual({ 'node-1': 6, 'node-2': 6 });
  });

  it('a tile over two rows uses both nodes', () => {
    const tile = { ...cameras[0]!, cell: { col: 0, row: 1, colSpan: 1, rowSpan: 2 } };
    expect(decodingNodes(wall, traffic, tile, 'review')).toEqual(['node-1', 'node-2']);
  });

  it('the shipped traffic layout keeps every camera decoding with one pool per node (no false budget placeholder)', () => {
    const pools = new Map(wall.nodes.map((n) => [n.id, new CameraPool(fakeSource, n.decoderBudget)]));
    const leases = cameras.map((t, i) =>
      decodingNodes(wall, traffic, t, 'review').map((n) => pools.get(n)!.acquire(`cam-${i}`, { priority: t.priority, size, onChange: () => undefined })),
    );
    expect(leases.every((ls) => ls.every((l) => l.source !== null))).toBe(true);
    // The same twelve in one pool with one node's budget, as render used to do, leave four waiting.
    const one = new CameraPool(fakeSource, 8);
    const waiting = cameras.map((t, i) => one.acquire(`cam-${i}`, { priority: t.priority, size, onChange: () => undefined })).filter((l) => l.source === null);
    expect(waiting).toHaveLength(4);
  });
});

describe('NodesLease', () => {
  it('has a source only while every node gave the camera a decoder, and releases on all', () => {
    const a = new CameraPool(fakeSource, 1);
    const b = new CameraPool(fakeSource, 1);
    const opts = { priority: 'normal' as const, size, onChange: () => undefined };
    const busy = b.acquire('other', opts);
    const lease = new NodesLease([a.acquire('cam', opts), b.acquire('cam', opts)]);
    expect(lease.source).toBeNull();
    busy.release();
    expect(lease.source).not.toBeNull();
    lease.release();
    expect(a.snapshot().active).toEqual([]);
    expect(b.snapshot().active).toEqual([]);
  });
});
