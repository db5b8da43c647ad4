/**
 * Which node's decoders a camera tile uses. On the wall each window belongs to one node (PC) and
 * decodes its cameras within that node's `decoderBudget`. A review page (`wallrun render`) is one
 * window over the whole wall, yet it must count as the wall does, per node, as lint does
 * (lint.ts `decoderBudget`): there a tile uses the pools of the nodes whose screens it covers, and
 * a tile over two nodes holds a decoder on each, as both PCs would decode it.
 */
import { tileCoverage, tileRect } from '../../core/wall/geometry.js';
import type { Layout, Tile, Wall } from '../../core/wall/model.js';
import type { CameraLease, PooledSource } from './camera-pool.js';

/**
 * The node ids whose decoders show `tile` in a window of `windowNode`: that node itself when it is
 * one of the wall's, else (a review window) the nodes the tile covers, in wall order; empty for a
 * tile on no screen.
 */
export function decodingNodes(wall: Wall, layout: Pick<Layout, 'subdivision'>, tile: Tile, windowNode: string): string[] {
  if (wall.nodes.some((n) => n.id === windowNode)) return [windowNode];
  const covered = new Set(tileCoverage(wall, tileRect(wall, layout, tile)).map((c) => c.screen.node));
  return wall.nodes.filter((n) => covered.has(n.id)).map((n) => n.id);
}

/**
 * One tile's holds on its camera in several nodes' pools, seen as one: it has a source only when
 * every node gave it a decoder (on the wall, a node without one would show the budget placeholder
 * on its part of the tile).
 */
export class NodesLease<S extends PooledSource> implements CameraLease<S> {
  public constructor(private readonly leases: readonly CameraLease<S>[]) {
    if (leases.length === 0) throw new Error('NodesLease: no lease');
  }

  public get url(): string {
    return this.leases[0]!.url;
  }

  public get source(): S | null {
    return this.leases.every((l) => l.source !== null) ? this.leases[0]!.source : null;
  }

  public get shown(): boolean {
    return this.leases[0]!.shown;
  }

  public setSize(size: Parameters<CameraLease<S>['setSize']>[0]): void {
    for (const l of this.leases) l.setSize(size);
  }

  public setShown(shown: boolean): void {
    for (const l of this.leases) l.setShown(shown);
  }

  public release(): void {
    for (const l of this.leases) l.release();
  }
}
