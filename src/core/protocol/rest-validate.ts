/**
 * Runtime checks of the hub's REST bodies (rest-bodies.ts) and the ids in its paths and queries, as
 * the hub applies them to what integrations, operators and editors send. Validators generated from
 * the schemas of schemas/rest.ts, which share their fields with the `/wall` payloads
 * (protocol-validate.ts), so a field is checked the same way whichever door it comes in.
 */
import { checkUpdateValues } from './json-value.js';
import { checker } from './protocol-validate.js';
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

export const checkPublishRequest = checker<PublishRequest>('publishRequest', (p, e) => checkUpdateValues(p.updates, 'updates', e));
export const checkRaiseAlert = checker<RaiseAlertRequest>('raiseAlert');
export const checkUpdateAlert = checker<UpdateAlertRequest>('updateAlert');
export const checkOperatorAck = checker<OperatorAckRequest>('operatorAck');
export const checkClearAlert = checker<ClearAlertRequest>('clearAlert');
export const checkPresetSave = checker<PresetSaveRequest>('presetSave');
export const checkPresetActivate = checker<PresetActivateRequest>('presetActivate');
export const checkLayoutSwitch = checker<LayoutSwitchRequest>('layoutSwitch');
/** An id in a path or query (`/api/alerts/:id`, `?node=`). */
export const checkId = checker<string>('id');
