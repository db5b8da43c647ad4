import { describe, expect, it } from 'vitest';
import type { Camera, Layout, Tile } from '../wall/model.js';
import { applyPresetCameras, cameraCatalogue, cameraTiles, checkPresetChoices, sceneKey } from './presets.js';

const tile = (id: string, widget: Tile['widget'], props: Record<string, unknown> = {}, title?: Tile['title']): Tile => ({
  id,
  widget,
  z: 0,
  topics: [],
  priority: 'normal',
  props,
  cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 },
  ...(title ? { title } : {}),
});
const layout = (id: string, tiles: Tile[], generated = false): Layout => ({
  file: `layouts/${id}.yaml`,
  id,
  title: { vi: id, en: id },
  theme: 't',
  subdivision: { columns: 1, rows: 1 },
  tiles,
  ...(generated ? { generated: true as const } : {}),
});

const CITY = layout('city', [
  tile('cam-a', 'camera', { source: 'a.m3u8', label: { vi: 'Cầu A', en: 'Bridge A' } }),
  tile('cam-b', 'camera', { source: 'b.m3u8' }, 'Chợ B'),
  tile('kpi', 'kpi', { unit: '%' }),
]);
const FLOOD = layout('flood', [tile('st-1', 'camera', { source: 'c.m3u8', label: 'Trạm C' }), tile('st-2', 'camera', { source: 'a.m3u8' })]);
const IDENTIFY = layout('identify', [tile('grid', 'camera', { source: 'secret.m3u8' })], true);
const PROJECT = [CITY, FLOOD, IDENTIFY];

describe('presets', () => {
  it('lists a layout’s camera tiles with the caption the wall would show', () => {
    expect(cameraTiles(CITY)).toEqual([
      { id: 'cam-a', source: 'a.m3u8', label: { vi: 'Cầu A', en: 'Bridge A' } },
      { id: 'cam-b', source: 'b.m3u8', label: { vi: 'Chợ B' } },
    ]);
  });

  it('catalogues each distinct camera of the project once, with every place it is used; generated layouts are not the project’s', () => {
    expect(cameraCatalogue(PROJECT)).toEqual([
      { source: 'a.m3u8', label: { vi: 'Cầu A', en: 'Bridge A' }, usedBy: ['city/cam-a', 'flood/st-2'] },
      { source: 'b.m3u8', label: { vi: 'Chợ B' }, usedBy: ['city/cam-b'] },
      { source: 'c.m3u8', label: { vi: 'Trạm C' }, usedBy: ['flood/st-1'] },
    ]);
  });

  it('accepts choices among the project’s cameras for the layout’s camera tiles, filling in captions', () => {
    expect(checkPresetChoices('flood', [{ tile: 'st-1', source: 'b.m3u8' }], PROJECT)).toEqual({
      ok: true,
      cameras: [{ tile: 'st-1', source: 'b.m3u8', label: { vi: 'Chợ B' } }],
    });
  });

  it('names the field of every bad choice', () => {
    const r = checkPresetChoices(
      'city',
      [
        { tile: 'kpi', source: 'a.m3u8' },
        { tile: 'cam-a', source: 'https://evil.example/x.m3u8' },
        { tile: 'cam-b', source: 'c.m3u8' },
        { tile: 'cam-b', source: 'a.m3u8' },
      ],
      PROJECT,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['cameras[0].tile', 'cameras[1].source', 'cameras[3].tile']);
    expect(r.errors[0]!.message).toContain('its camera tiles: cam-a, cam-b');
    expect(r.errors[2]!.message).toContain('chosen twice');
  });

  it('refuses a layout the project lacks, and the generated identify layout', () => {
    for (const id of ['nope', 'identify']) {
      const r = checkPresetChoices(id, [], PROJECT);
      expect(r).toEqual({ ok: false, errors: [{ field: 'layout', message: `no layout "${id}"; known: city, flood` }] });
    }
  });

  it('re-points only the chosen camera tiles, leaving the layout object untouched', () => {
    const out = applyPresetCameras(CITY, [{ tile: 'cam-b', source: 'c.m3u8', label: { vi: 'Trạm C' } }, { tile: 'kpi', source: 'x' }]);
    expect(out.tiles.map((t) => t.props)).toEqual([
      { source: 'a.m3u8', label: { vi: 'Cầu A', en: 'Bridge A' } },
      { source: 'c.m3u8', label: { vi: 'Trạm C' } },
      { unit: '%' },
    ]);
    expect(CITY.tiles[1]!.props).toEqual({ source: 'b.m3u8' });
    expect(applyPresetCameras(CITY, [{ tile: 'cam-a', source: 'b.m3u8' }]).tiles[0]!.props).toEqual({ source: 'b.m3u8' });
    expect(applyPresetCameras(CITY, [])).toBe(CITY);
  });

  it('keys a scene by layout, preset and version', () => {
    expect(sceneKey('city')).toBe('city');
    expect(sceneKey('city', null)).toBe('city');
    expect(sceneKey('city', { id: 'p', version: 2, cameras: [] })).toBe('city+p@2');
    expect(sceneKey('city', { id: 'p', version: 3, cameras: [] })).not.toBe(sceneKey('city', { id: 'p', version: 2, cameras: [] }));
  });
});

describe('presets with the project\'s cameras (cameras.yaml)', () => {
  const CAMERAS: Camera[] = [
    { id: 'nga-tu', title: { vi: 'Ngã tư', en: 'Junction' }, url: 'rtsp://10.0.0.21/1', transcode: { width: 1280, height: 720 } },
    { id: 'cau-rong', title: 'Cầu Rồng', url: 'rtsp://10.0.0.22/1', transcode: { width: 1280, height: 720 } },
  ];
  const GATE = layout('gate', [tile('cam', 'camera', { camera: 'nga-tu' })]);

  it('lists every project camera, shown by a layout or not, as camera:<id> with its title', () => {
    expect(cameraCatalogue([GATE], CAMERAS)).toEqual([
      { source: 'camera:nga-tu', label: { vi: 'Ngã tư', en: 'Junction' }, usedBy: ['gate/cam'] },
      { source: 'camera:cau-rong', label: { vi: 'Cầu Rồng' }, usedBy: [] },
    ]);
  });

  it('lets a preset put a project camera on a tile, and refuses a camera the project lacks', () => {
    const ok = checkPresetChoices('gate', [{ tile: 'cam', source: 'camera:cau-rong' }], [GATE], CAMERAS);
    expect(ok).toEqual({ ok: true, cameras: [{ tile: 'cam', source: 'camera:cau-rong', label: { vi: 'Cầu Rồng' } }] });
    expect(checkPresetChoices('gate', [{ tile: 'cam', source: 'camera:khong-co' }], [GATE], CAMERAS).ok).toBe(false);
    const applied = applyPresetCameras(GATE, ok.ok ? ok.cameras : []);
    expect(applied.tiles[0]!.props).toEqual({ camera: 'cau-rong', label: { vi: 'Cầu Rồng' } });
    // An HLS choice on a tile that named a project camera replaces it.
    expect(applyPresetCameras(GATE, [{ tile: 'cam', source: 'x.m3u8' }]).tiles[0]!.props).toEqual({ source: 'x.m3u8' });
  });
});
