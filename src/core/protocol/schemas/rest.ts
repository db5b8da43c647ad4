/**
 * The schemas of the hub's REST bodies and path/query values (docs/protocol.md "REST API",
 * rest-bodies.ts), one per message. Pure data, composed of the same fields as the `/wall`
 * payloads (fields.ts), so a field is checked the same way whichever door it comes in.
 */
import { LIMITS } from '../limits.js';
import { array, cameraSource, id, jsonValue, message, name, number, object, sector, severity, time, title, topicName, uuid, wireLabel, type Schema } from './fields.js';

const leadMs = number(200, 60_000, true);

export const REST = {
  publishRequest: object({ updates: array(object({ topic: topicName, value: jsonValue, t: time }, ['t']), LIMITS.publishBatch, 1) }),
  raiseAlert: object({ id, severity, sector, area: name, source: name, title, message }, ['id', 'source', 'message']),
  updateAlert: object({ severity, area: name, title, message }, ['severity', 'area', 'title', 'message']),
  operatorAck: object({ ackId: uuid, screen: id }, ['ackId', 'screen']),
  clearAlert: object({ reason: message }, ['reason']),
  presetSave: object({
    title: wireLabel,
    layout: id,
    cameras: array(object({ tile: id, source: cameraSource }), LIMITS.presetCameras),
    version: number(0, Number.MAX_SAFE_INTEGER, true),
  }),
  presetActivate: object({ leadMs }, ['leadMs']),
  layoutSwitch: object({ layout: id, leadMs }, ['leadMs']),
  /** An id in a path or query (`/api/alerts/:id`, `/api/walls/:window/thumbnail?node=`). */
  id,
} satisfies Record<string, Schema>;
