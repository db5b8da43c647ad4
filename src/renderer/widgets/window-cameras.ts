/**
 * A window's cameras: its decoder pools (one per node), upload scheduler and the endpoints camera
 * tiles play, shared by every scene of the window (a camera in both layouts of a switch is not
 * reconnected), and the `wallrunCameras()` debug hook over every camera tile. Apart from the
 * camera widget (camera.ts), which draws one tile and holds a lease here.
 */
import type { CameraLease, LeaseOptions, PoolSnapshot } from '../camera/camera-pool.js';
import { CameraPool } from '../camera/camera-pool.js';
import { decodingNodes, NodesLease } from '../camera/camera-nodes.js';
import { CameraSource, type CameraSourceState } from '../camera/camera-source.js';
import { cameraConfig, type CameraConfig } from '../camera/camera-config.js';
import { sourceEndpoint, type CameraEndpoint } from '../camera/camera-endpoint.js';
import { UploadScheduler, type UploadStats } from '../camera/upload-scheduler.js';
import type { Wall } from '../../core/wall/model.js';
import type { WidgetContext } from './widget.js';

/** What tests and diagnostics read per camera tile (`window.wallrunCameras()`). */
export interface CameraTileDebug extends Omit<Partial<CameraSourceState>, 'state' | 'url'> {
  tile: string;
  url: string;
  /**
   * `waiting`: no decoder slot (budget exceeded); `paused`: the tile is hidden (degraded mode) and no
   * shown tile needs its camera, so nothing decodes it; otherwise the source's watchdog state (also
   * for a hidden tile whose camera another shown tile keeps decoding).
   */
  state: CameraSourceState['state'] | 'waiting' | 'paused';
  /** The video drawn from the camera's texture now. */
  textured: boolean;
  /** How the video reaches the screen now: `element` (composited by the browser under the canvas), `texture`, or '' (none shown). */
  videoPath: 'element' | 'texture' | '';
  /** The placeholder line the tile shows ('' over live video). */
  message: string;
}

declare global {
  interface Window {
    /** `pool`: the first node's pool (the only one on the wall); `pools`: each node's, by id. */
    wallrunCameras?: () => { pool: PoolSnapshot; pools: Record<string, PoolSnapshot>; uploads: UploadStats; tiles: CameraTileDebug[] };
  }
}


/**
 * One set of pools per window: a page is one window, and its Wall object lives as long as the
 * page's config, so scenes of a layout switch share decoders (no reconnect for a camera in both
 * layouts). On the wall the set holds the window's node's pool; a review page holds one per node
 * (camera-nodes.ts), each with that node's budget.
 */
export interface WindowCameras {
  /** By node id ('' for a tile on no node's screens: the smallest budget of the wall). */
  pools: Map<string, CameraPool<CameraSource>>;
  config: CameraConfig;
  /** The window's frame uploads, capped per rendered frame (camera.maxUploadsPerFrame). */
  uploads: UploadScheduler;
  /** What each pool key plays (a plain HLS URL or a hub camera), registered by the tiles. */
  endpoints: Map<string, CameraEndpoint>;
}
const windows = new WeakMap<Wall, WindowCameras>();
/** Every camera tile of the page, for the debug hook. */
export const cameraTiles = new Set<{ debugState(): CameraTileDebug }>();
/** The page's latest window cameras, for `wallrunCameras()`. */
let latest: WindowCameras | null = null;

export function windowCameras(ctx: WidgetContext): WindowCameras {
  let entry = windows.get(ctx.wall);
  if (!entry) {
    const config = cameraConfig(ctx.camera);
    const load = ctx.load;
    entry = { pools: new Map(), config, uploads: new UploadScheduler(config.maxUploadsPerFrame, () => load?.cameraPaceMs ?? 0), endpoints: new Map() };
    windows.set(ctx.wall, entry);
  }
  latest = entry;
  window.wallrunCameras ??= () => {
    const shown = latest ?? entry;
    const pools = [...shown.pools];
    return {
      pool: pools[0]?.[1].snapshot() ?? { budget: 0, active: [], waiting: [], paused: [] },
      pools: Object.fromEntries(pools.map(([node, p]) => [node, p.snapshot()])),
      uploads: shown.uploads.snapshot(),
      tiles: [...cameraTiles].map((t) => t.debugState()),
    };
  };
  return entry;
}

/** The pool of node `nodeId` in this window, made on first use with the node's budget. */
function nodePool(ctx: WidgetContext, cams: WindowCameras, nodeId: string): CameraPool<CameraSource> {
  let pool = cams.pools.get(nodeId);
  if (pool) return pool;
  const node = ctx.wall.nodes.find((n) => n.id === nodeId);
  const budget = cams.config.decoderBudget ?? node?.decoderBudget ?? Math.min(...ctx.wall.nodes.map((n) => n.decoderBudget));
  const { config, uploads, endpoints } = cams;
  const now = ctx.now;
  pool = new CameraPool((key) => new CameraSource(endpoints.get(key) ?? sourceEndpoint(key), config, now, uploads).init(), budget);
  cams.pools.set(nodeId, pool);
  return pool;
}

/** The tile's hold on its camera: in its window's node pool, or in each covered node's (review). */
export function acquireLease(ctx: WidgetContext, endpoint: CameraEndpoint, options: LeaseOptions<CameraSource>): { lease: CameraLease<CameraSource>; cams: WindowCameras } {
  const cams = windowCameras(ctx);
  const url = endpoint.key;
  cams.endpoints.set(url, endpoint);
  const nodes = decodingNodes(ctx.wall, ctx.layout, ctx.tile, ctx.node);
  const leases = (nodes.length ? nodes : ['']).map((n) => nodePool(ctx, cams, n).acquire(url, options));
  return { lease: leases.length === 1 ? leases[0]! : new NodesLease(leases), cams };
}

