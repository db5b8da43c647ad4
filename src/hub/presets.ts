/**
 * Presets over REST (docs/console.md "Presets", docs/protocol.md "Presets"): editors create,
 * change and delete them; operators and editors activate them, which runs the same two-phase
 * switch as POST /api/layout with the preset's cameras in the command. Every change names the
 * version it started from; a stale one is refused with the current preset, never applied over it.
 */
import { cameraCatalogue, cameraTiles, checkPresetChoices, PRESET_ID_MAX, type Preset } from '../core/protocol/presets.js';
import type { Camera, Layout } from '../core/wall/model.js';
import { LIMITS } from '../core/protocol/limits.js';
import type { PresetRef } from '../core/protocol/layout-commands.js';
import type { Role } from '../core/protocol/rest-bodies.js';
import { checkPresetActivate, checkPresetDeleteQuery, checkPresetId, checkPresetSave } from '../core/protocol/rest-validate.js';
import { requestActor } from './request-actor.js';
import { sendSwitchOutcome } from './rest.js';
import { HttpError, query, sendJson, type RequestContext, type Router } from './http.js';
import type { LayoutService } from './layouts.js';
import type { HubStore } from './storage/store.js';
import type { SwitchCoordinator } from './switch-coordinator.js';

/** Who may read and activate presets, and who may change them. */
export const PRESET_READERS: readonly Role[] = ['operator', 'editor', 'integration'];
export const PRESET_ACTIVATORS: readonly Role[] = ['operator', 'editor'];
export const PRESET_EDITORS: readonly Role[] = ['editor'];

export interface PresetRouteDeps {
  router: Router;
  store: HubStore;
  /** The project's layouts: what presets may name and the camera catalogue (empty: any layout id, no cameras). */
  projectLayouts: readonly Layout[];
  /** The project's cameras (cameras.yaml): presets may choose any of them. */
  projectCameras?: readonly Camera[];
  layouts: LayoutService;
  switches: SwitchCoordinator;
  now: () => number;
  /** A preset was saved or deleted (consoles re-read the list). */
  changed: (event: { id: string; version: number | null }) => void;
}

function presetId(ctx: RequestContext): string {
  const v = ctx.params.id ?? '';
  const r = checkPresetId(v);
  if (!r.ok) throw new HttpError(400, 'invalid', `bad preset id "${v.slice(0, 80)}": lowercase letters, digits and single hyphens, at most ${PRESET_ID_MAX}`, r.errors);
  return r.value;
}

function baseVersion(ctx: RequestContext): number {
  return Number(query(ctx, checkPresetDeleteQuery).version);
}

function conflict(ctx: RequestContext, current: Preset | null, tried: number): void {
  const message = current
    ? `preset "${current.id}" is at version ${current.version} (changed by ${current.updatedBy}); your change started from ${tried === 0 ? 'nothing (a new preset)' : `version ${tried}`}: reload and redo it`
    : 'the preset does not exist';
  sendJson(ctx.res, 409, { error: { code: 'version-conflict', message }, current });
}

export function addPresetRoutes(d: PresetRouteDeps): void {
  const r = d.router;
  const activeRef = (): { id: string; version: number } | null => {
    const p = d.layouts.currentCommand()?.preset;
    return p ? { id: p.id, version: p.version } : null;
  };

  r.add('GET', '/api/presets', PRESET_READERS, async ({ res }) =>
    sendJson(res, 200, {
      hubTime: d.now(),
      presets: await d.store.presets.list(),
      active: activeRef(),
      layouts: d.projectLayouts.filter((l) => !l.generated).map((l) => ({ id: l.id, title: l.title, cameraTiles: cameraTiles(l) })),
      cameras: cameraCatalogue(d.projectLayouts, d.projectCameras),
    }),
  );
  r.add('GET', '/api/presets/:id', PRESET_READERS, async (ctx) => {
    const id = presetId(ctx);
    const preset = await d.store.presets.get(id);
    if (!preset) throw new HttpError(404, 'unknown-preset', `no preset "${id}"`);
    sendJson(ctx.res, 200, { preset, active: activeRef()?.id === id });
  });

  r.add('PUT', '/api/presets/:id', PRESET_EDITORS, async (ctx) => {
    const id = presetId(ctx);
    const checked = checkPresetSave(await ctx.body());
    if (!checked.ok) throw new HttpError(400, 'invalid', 'the body does not match the API', checked.errors);
    const req = checked.value;
    let cameras: Preset['cameras'];
    if (d.projectLayouts.length > 0) {
      const choices = checkPresetChoices(req.layout, req.cameras, d.projectLayouts, d.projectCameras);
      if (!choices.ok) throw new HttpError(400, 'invalid', 'the preset does not fit the project', choices.errors.map((e) => `${e.field}: ${e.message}`));
      cameras = choices.cameras;
    } else {
      if (req.cameras.length > 0) throw new HttpError(400, 'invalid', 'this hub was started without the project, so it knows no cameras', ['cameras: must be empty']);
      cameras = [];
    }
    const out = await d.store.presets.save({ id, title: req.title, layout: req.layout, cameras }, req.version, requestActor(ctx), d.now());
    if (!out.ok) {
      if (out.code === 'version-conflict') return conflict(ctx, out.current, req.version);
      if (out.code === 'not-found') throw new HttpError(404, 'unknown-preset', `no preset "${id}" to change (create it with version 0)`);
      throw new HttpError(409, 'preset-limit', `the hub keeps at most ${LIMITS.presets} presets`);
    }
    d.changed({ id, version: out.preset.version });
    sendJson(ctx.res, out.created ? 201 : 200, { preset: out.preset });
  });

  r.add('DELETE', '/api/presets/:id', PRESET_EDITORS, async (ctx) => {
    const id = presetId(ctx);
    const version = baseVersion(ctx);
    const out = await d.store.presets.delete(id, version, requestActor(ctx), d.now());
    if (!out.ok) {
      if (out.code === 'not-found') throw new HttpError(404, 'unknown-preset', `no preset "${id}"`);
      return conflict(ctx, out.current, version);
    }
    d.changed({ id, version: null });
    sendJson(ctx.res, 200, { deleted: out.preset });
  });

  r.add('POST', '/api/presets/:id/activate', PRESET_ACTIVATORS, async (ctx) => {
    const id = presetId(ctx);
    const req = checkPresetActivate(await ctx.body());
    if (!req.ok) throw new HttpError(400, 'invalid', 'the body does not match the API', req.errors);
    const actor = requestActor(ctx);
    const preset = await d.store.presets.get(id);
    // An activation refused here is a switch that did not happen: audited like one (layout:failed).
    const refuse = async (e: HttpError, layout?: Pick<Preset, 'layout' | 'version'>): Promise<never> => {
      const reason = [e.message, ...(e.details ?? [])].join('; ');
      await d.layouts.recordFailure({ code: e.code, reason, preset: id, ...(layout ? { layout: layout.layout, presetVersion: layout.version } : {}) }, actor);
      throw e;
    };
    if (!preset) return refuse(new HttpError(404, 'unknown-preset', `no preset "${id}"`));
    if (d.projectLayouts.length > 0) {
      // The project may have changed since the preset was saved: a camera or tile it names may be gone.
      const still = checkPresetChoices(preset.layout, preset.cameras, d.projectLayouts, d.projectCameras);
      if (!still.ok) {
        const details = still.errors.map((e) => `${e.field}: ${e.message}`);
        await refuse(new HttpError(409, 'preset-stale', `preset "${id}" no longer fits the project: an editor must change it`, details), preset);
      }
    }
    const ref: PresetRef = { id: preset.id, version: preset.version, cameras: preset.cameras };
    // A layout the project lost is caught above as preset-stale; the switch answers (and audits) as POST /api/layout.
    sendSwitchOutcome(ctx, await d.switches.request(preset.layout, actor, req.value.leadMs, ref));
  });
}
