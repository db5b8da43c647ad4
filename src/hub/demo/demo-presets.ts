/**
 * The demo's presets, written once into an empty preset table when the hub runs the demo with the
 * shipped project: what a shift supervisor (editor) would set up for the duty operators. Each is
 * checked against the project like an editor's save; one that does not fit (another project) is
 * left out with a log line.
 */
import { checkPresetChoices } from '../../core/protocol/presets.js';
import type { Layout } from '../../core/wall/model.js';
import type { PresetSaveRequest } from '../../core/protocol/rest-bodies.js';
import type { HubStore } from '../storage/store.js';
import type { Actor } from '../storage/store-types.js';

const DEMO_PRESETS: (Omit<PresetSaveRequest, 'version'> & { id: string })[] = [
  { id: 'giao-ban-sang', title: { vi: 'Giao ban sáng', en: 'Morning briefing' }, layout: 'overview', cameras: [] },
  {
    // The flood layout with the city's street cameras where the river stations are: urban flooding.
    id: 'ngap-do-thi-ca-mau',
    title: { vi: 'Ngập đô thị · TP Cà Mau', en: 'Urban flooding · Cà Mau city' },
    layout: 'flood',
    cameras: [
      { tile: 'cam-station-ca-mau', source: 'camera:cam-01' },
      { tile: 'cam-station-song-doc', source: 'camera:cam-02' },
      { tile: 'cam-station-nam-can', source: 'camera:cam-01' },
      { tile: 'cam-station-thoi-binh', source: 'camera:cam-02' },
    ],
  },
  { id: 'ung-cuu-khan-cap', title: { vi: 'Ứng cứu khẩn cấp', en: 'Emergency response' }, layout: 'emergency', cameras: [] },
];

export async function seedDemoPresets(store: HubStore, layouts: readonly Layout[], now: number, log: (m: string) => void): Promise<void> {
  if (layouts.length === 0 || (await store.presets.count()) > 0) return;
  const actor: Actor = { name: 'wallrun demo', role: 'editor', via: 'demo', channel: 'hub' };
  for (const p of DEMO_PRESETS) {
    const choices = checkPresetChoices(p.layout, p.cameras, layouts);
    if (!choices.ok) {
      log(`demo preset ${p.id} left out: ${choices.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
      continue;
    }
    await store.presets.save({ id: p.id, title: p.title, layout: p.layout, cameras: choices.cameras }, 0, actor, now);
  }
}
