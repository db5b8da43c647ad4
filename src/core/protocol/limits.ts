/**
 * The wire's ground rules, below every other file of the protocol room: the caps every receiver
 * enforces (LIMITS) and what JSON data a topic may carry (JsonValue). They sit alone so the types,
 * the JSON checks and the validators can all use them without importing one another in a circle.
 * Pure: imports nothing.
 */

/** Caps every receiver enforces; a payload over any of them is rejected whole. */
export const LIMITS = {
  /** Alert ids, ack ids, command ids, node/window/screen ids. */
  id: 64,
  topic: 128,
  title: 200,
  message: 2000,
  /** The optional comment of an operator's acknowledgement (POST /api/alerts/:id/ack), after trimming. */
  ackComment: 500,
  /** Operator names, sector, area, source, token names. */
  name: 100,
  /** Topic values: nesting depth, number of nodes, length of any string or key inside. */
  valueDepth: 8,
  valueNodes: 2000,
  valueString: 2000,
  /** Updates in one REST publish and in one `updates` batch on the wire. */
  publishBatch: 1000,
  wireBatch: 5000,
  /** Distinct topics a hub keeps (a publish adding more is refused). */
  topics: 10000,
  /** Alerts and values carried by one snapshot. */
  snapshotAlerts: 5000,
  snapshotValues: 20000,
  screens: 64,
  streams: 128,
  /** Operators in the directory a snapshot carries, and credentials (PINs, badges, tokens) per operator. */
  operators: 500,
  credentials: 8,
  /** Presets the hub keeps; camera tiles one preset may re-point; length of a camera source. */
  presets: 200,
  presetCameras: 64,
  cameraSource: 2000,
  /**
   * Chart history a hub keeps and a snapshot carries (feature `history`): points per topic (as many
   * as a wall page keeps per topic, src/renderer/store.ts DEFAULT_HISTORY) and points in all. At
   * about 24 bytes a point as JSON, a snapshot's history stays near 200 KB at most (the shipped
   * project's 33 chart topics: ~170 KB), once per connection.
   */
  historyPoints: 600,
  historyTotal: 8000,
  /** A CAP warning's shapes kept on its alert (Alert.areas): polygons, points per polygon (decimated beyond), circles. */
  alertPolygons: 16,
  alertPolygonPoints: 256,
  alertCircles: 16,
  /** Points in one forecast, and topics with a forecast that a hub keeps and a snapshot carries (forecasts.ts). */
  forecastPoints: 500,
  forecastTopics: 1000,
  /** The longest validity a forecast may claim (`validS`): 30 days. */
  forecastValidS: 30 * 86_400,
  /** One socket.io packet, the handshake included: the hub closes the connection beyond (maxHttpBufferSize). */
  packetBytes: 256 * 1024,
} as const;

/** JSON data as topics carry it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
