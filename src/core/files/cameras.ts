/**
 * `cameras.yaml` (optional, beside wall.yaml): schema, then what the schema cannot say — a URL with
 * user:password in it (a secret in the project: name a credential of the hub instead), ids unique —
 * and the layouts' camera tiles: each needs props.camera or props.source, and props.camera must name
 * a camera of the file. Whether a `credential` exists is the hub's business at run time (its secrets
 * are not in the project): an unknown one turns the camera `unauthorized`, not a file error.
 */
import { hasErrors, type Diagnostic } from './diagnostics.js';
import type { Camera } from '../wall/model.js';
import { isGo2rtcSource, isWebSocketSource } from '../wall/go2rtc-source.js';
import type { SourceFile } from './load-result.js';
import { itemsFor, runSchema, validators } from './schema-parts.js';
import { didYouMean } from './suggest.js';
import { diagnosticAt } from './yaml-position.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

export const DEFAULT_TRANSCODE = { width: 1280, height: 720 } as const;

export interface CamerasAnalysis {
  file: string;
  diagnostics: Diagnostic[];
  yaml?: ParsedYaml;
  /** The cameras, only when the file has no errors. */
  value?: Camera[];
  /** Ids that passed the schema, errors elsewhere or not (layouts naming them get no cascade). */
  ids: string[];
}

function camera(raw: Record<string, unknown>): Camera {
  return {
    id: raw.id as string,
    title: raw.title as Camera['title'],
    url: raw.url as string,
    ...(typeof raw.subUrl === 'string' ? { subUrl: raw.subUrl } : {}),
    ...(typeof raw.credential === 'string' ? { credential: raw.credential } : {}),
    transcode: (raw.transcode as Camera['transcode'] | undefined) ?? { ...DEFAULT_TRANSCODE },
  };
}

/** `user:password@` (or `user@`) in a URL's authority. */
function hasUserInfo(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
}

export function analyseCameras(source: SourceFile): CamerasAnalysis {
  const { parsed: yaml, diagnostics } = parseYamlSource(source);
  if (!yaml) return { file: source.path, diagnostics, ids: [] };
  const clean = runSchema(validators().cameras, yaml, diagnostics);
  const list = yaml.data.cameras;
  const first = new Map<string, number>();
  for (const { index, value } of itemsFor(list, 'cameras', clean, ['id'], (raw) => raw)) {
    const id = value.id as string;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, index);
    else diagnostics.push(diagnosticAt(yaml, ['cameras', index, 'id'], 'duplicate-id', `camera id "${id}" is already used by cameras[${earlier}]`));
  }
  for (const { index, value } of itemsFor(list, 'cameras', clean, [], (raw) => raw)) {
    for (const field of ['url', 'subUrl'] as const) {
      const url = value[field];
      if (typeof url === 'string' && hasUserInfo(url)) {
        const message = `${field} holds a user name or password: secrets do not go in the project; put them in the hub's camera-credentials.json and name the entry in "credential"`;
        diagnostics.push(diagnosticAt(yaml, ['cameras', index, field], 'camera-url-credentials', message));
      }
    }
  }
  const ok = !hasErrors(diagnostics) && Array.isArray(list);
  return {
    file: source.path,
    diagnostics,
    yaml,
    ...(ok ? { value: (list as Record<string, unknown>[]).map(camera) } : {}),
    ids: [...first.keys()],
  };
}

/**
 * Camera tiles of one layout file that show nothing: neither props.camera nor props.source; and a
 * ws(s) source that is not go2rtc's MSE WebSocket (the only one the wall speaks).
 */
export function checkCameraTileSources(yaml: ParsedYaml): Diagnostic[] {
  const tiles = yaml.data.tiles;
  if (!Array.isArray(tiles)) return [];
  const out: Diagnostic[] = [];
  tiles.forEach((tile: unknown, i) => {
    const t = tile as { widget?: unknown; props?: Record<string, unknown> } | null;
    if (t?.widget !== 'camera') return;
    const props = t.props && typeof t.props === 'object' ? t.props : {};
    if (typeof props.source === 'string' && isWebSocketSource(props.source) && !isGo2rtcSource(props.source)) {
      const message = `props.source "${props.source}" is a WebSocket URL but not go2rtc's MSE stream: write ws(s)://<go2rtc host:port>/api/ws?src=<stream name> (a WHEP or other WebSocket is not supported)`;
      out.push(diagnosticAt(yaml, ['tiles', i, 'props', 'source'], 'camera-source-websocket', message));
      return;
    }
    if (props.camera !== undefined || props.source !== undefined) return;
    const message = 'camera tile needs props.camera (a camera of cameras.yaml) or props.source (the HLS URL of its stream)';
    out.push(t.props ? diagnosticAt(yaml, ['tiles', i, 'props'], 'camera-without-source', message, { key: true }) : diagnosticAt(yaml, ['tiles', i], 'camera-without-source', message));
  });
  return out;
}

/** props.camera naming a camera the project lacks (`known`: the ids of cameras.yaml; null: no such file). */
export function checkCameraReferences(yaml: ParsedYaml, known: readonly string[] | null): Diagnostic[] {
  const tiles = yaml.data.tiles;
  if (!Array.isArray(tiles)) return [];
  const out: Diagnostic[] = [];
  tiles.forEach((tile: unknown, i) => {
    const t = tile as { widget?: unknown; props?: { camera?: unknown } } | null;
    const id = t?.widget === 'camera' ? t.props?.camera : undefined;
    if (typeof id !== 'string' || known?.includes(id)) return;
    const hint = known === null ? ' (the project has no cameras.yaml)' : didYouMean(id, [...known]) || ` (cameras: ${known.join(', ') || 'none'})`;
    out.push(diagnosticAt(yaml, ['tiles', i, 'props', 'camera'], 'unknown-camera', `unknown camera "${id}"${hint}`));
  });
  return out;
}
