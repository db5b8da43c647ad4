/**
 * Runtime checks of the hub's REST bodies (rest-bodies.ts), as the hub applies them to what
 * integrations, operators and editors send. Same combinators and field checkers as the `/wall`
 * payloads (protocol-validate.ts), so a field is checked the same way whichever door it comes in.
 */
import { arr, check, jsonValue, num, obj, opt, type Checked } from './json-checks.js';
import { cameraSource, id, message, name, sector, severity, time, title, topicName, uuid, wireLabel } from './field-checks.js';
import { LIMITS } from './limits.js';
import type {
  ClearAlertRequest,
  LayoutSwitchRequest,
  OperatorAckRequest,
  PresetActivateRequest,
  PresetSaveRequest,
  PublishRequest,
  RaiseAlertRequest,
  UpdateAlertRequest,
} from './rest-bodies.js';

export const checkPublishRequest = (v: unknown): Checked<PublishRequest> =>
  check(
    obj<PublishRequest>({
      updates: arr(obj<PublishRequest['updates'][number]>({ topic: topicName, value: jsonValue, t: opt(time) }), LIMITS.publishBatch, 1),
    }),
    v,
  );
export const checkRaiseAlert = (v: unknown): Checked<RaiseAlertRequest> =>
  check(
    obj<RaiseAlertRequest>({ id: opt(id), severity, sector, area: name, source: opt(name), title, message: opt(message) }),
    v,
  );
export const checkUpdateAlert = (v: unknown): Checked<UpdateAlertRequest> =>
  check(obj<UpdateAlertRequest>({ severity: opt(severity), area: opt(name), title: opt(title), message: opt(message) }), v);
export const checkOperatorAck = (v: unknown): Checked<OperatorAckRequest> =>
  check(obj<OperatorAckRequest>({ ackId: opt(uuid), screen: opt(id) }), v);
export const checkClearAlert = (v: unknown): Checked<ClearAlertRequest> =>
  check(obj<ClearAlertRequest>({ reason: opt(message) }), v);
export const checkPresetSave = (v: unknown): Checked<PresetSaveRequest> =>
  check(
    obj<PresetSaveRequest>({
      title: wireLabel,
      layout: id,
      cameras: arr(obj<{ tile: string; source: string }>({ tile: id, source: cameraSource }), LIMITS.presetCameras),
      version: num(0, Number.MAX_SAFE_INTEGER, true),
    }),
    v,
  );
export const checkPresetActivate = (v: unknown): Checked<PresetActivateRequest> =>
  check(obj<PresetActivateRequest>({ leadMs: opt(num(200, 60_000, true)) }), v);
export const checkLayoutSwitch = (v: unknown): Checked<LayoutSwitchRequest> =>
  check(obj<LayoutSwitchRequest>({ layout: id, leadMs: opt(num(200, 60_000, true)) }), v);
