/** JSON Schema of `wall.yaml` (see docs/formats.md). Rules across fields live in checks.ts. */
import {
  CELL_OR_RECT,
  DRAFT_07,
  cell,
  edges,
  enumOf,
  id,
  localized,
  mmSize,
  pixelSize,
  rect,
  text,
  type JsonSchema,
} from './common.js';
import { WEB_CREDENTIAL_KINDS } from '../../wall/model.js';

/** An http(s) origin: scheme, host and optional port, nothing after (web-checks.ts also wants it canonical). */
export const WEB_ORIGIN_PATTERN = '^https?://[^/?#@\\s]+$';

const webOrigin = (description: string): JsonSchema =>
  text(description, {
    pattern: WEB_ORIGIN_PATTERN,
    errorMessage: 'must be an http(s) origin such as "https://grafana.ioc.example" (scheme, host, optional port; no path, no trailing "/")',
  });

/** Web tiles: where they may point and how they sign in (never the secrets, which stay on each node). */
const web: JsonSchema = {
  type: 'object',
  description: "What web tiles may show: the origins they may frame and the credentials they may name (secrets stay in each node's web-credentials.json).",
  additionalProperties: false,
  properties: {
    origins: {
      type: 'array',
      description: "Every origin a web tile may show (the wall page's CSP frame-src).",
      uniqueItems: true,
      default: [],
      items: webOrigin('An origin, e.g. "https://grafana.ioc.example".'),
    },
    credentials: {
      type: 'object',
      description: "Credentials by name, for web tiles' `credential`: where each applies and how; the secret is in each node's web-credentials.json.",
      default: {},
      additionalProperties: {
        type: 'object',
        description: 'Where and how a node signs in; no password, value or token here.',
        additionalProperties: false,
        required: ['origin', 'kind'],
        properties: {
          origin: webOrigin('The only origin the credential is sent to; must be listed in web.origins.'),
          kind: enumOf(WEB_CREDENTIAL_KINDS, 'basic: HTTP basic auth; header: a request header; cookie: a cookie.'),
        },
      },
    },
  },
};

const display: JsonSchema = {
  type: 'object',
  description:
    'How the shell finds the physical display: { connector } | { edidName, serial? } | { serial } | { displayId } | { bounds }. Prefer a connector or EDID name: they survive re-enumeration.',
  additionalProperties: false,
  properties: {
    connector: text('Connector name as the OS reports it, e.g. "DP-1" or "HDMI-A-2".'),
    edidName: text('Monitor name from the EDID, e.g. "SAMSUNG UH55F".'),
    serial: text('Serial number from the EDID; alone, or with edidName to tell identical panels apart.'),
    displayId: { type: 'integer', description: 'Display id as the OS (Electron screen API) reports it.' },
    bounds: rect('Display bounds on the OS desktop, in OS pixels.'),
  },
  oneOf: [
    { required: ['connector'] },
    { required: ['edidName'] },
    { required: ['serial'], not: { required: ['edidName'] } },
    { required: ['displayId'] },
    { required: ['bounds'] },
  ],
  errorMessage: 'must name exactly one of: connector, edidName (with optional serial), serial, displayId, bounds',
};

const node: JsonSchema = {
  type: 'object',
  description: 'A PC driving some of the screens.',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: id('Node id, referenced by screens.'),
    title: localized('Name shown to technicians.'),
    decoderBudget: {
      type: 'integer',
      minimum: 0,
      default: 8,
      description: 'Simultaneous camera decodes this PC sustains; more camera tiles on its screens is a lint warning.',
    },
    windowMode: enumOf(['span', 'per-display'], 'span: one window over adjacent equal displays; per-display: one window each (fallback).', {
      default: 'span',
    }),
  },
};

const screen: JsonSchema = {
  type: 'object',
  description: 'One physical panel: where it sits on the wall, which display shows it, which node drives it.',
  additionalProperties: false,
  required: ['id', 'display', 'node'],
  properties: {
    id: id('Screen id.'),
    cell: cell('Placement on the wall grid; colSpan/rowSpan let a larger panel cover several cells.'),
    rect: rect('Free placement of the active area in wall pixels, for panels of other sizes.'),
    display: display,
    node: id('Id of the node (PC) that drives this screen.'),
    resolution: pixelSize('Native video mode of the panel, before rotation. Default: the grid panel.'),
    rotation: enumOf([0, 90, 180, 270], 'Clockwise rotation as mounted.', { default: 0 }),
    activeMm: mmSize('Active (lit) area as mounted, in millimetres. Default: the grid panel.'),
    bezelMm: edges('Bezel widths in millimetres. Default: the grid panel.'),
  },
  ...CELL_OR_RECT,
};

export const WALL_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'wallrun wall',
  description: 'The physical video wall: grid, panels, screens and the nodes (PCs) that drive them.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'timezone', 'viewingDistanceM', 'defaultLayout', 'defaultTheme', 'grid', 'nodes', 'screens'],
  properties: {
    id: id('Wall id.'),
    title: localized('Name of the wall.'),
    timezone: text('IANA time zone for clocks, schedules and daily deadlines, e.g. "Asia/Ho_Chi_Minh".'),
    viewingDistanceM: {
      type: 'number',
      exclusiveMinimum: 0,
      description: "Distance from the operators' desks to the wall, in metres (for the legibility lint).",
    },
    legibilityRatio: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 250,
      description: 'Minimum legible text height = viewing distance / this ratio (250: 20 mm at 5 m).',
    },
    defaultLayout: id('Layout shown at start.'),
    defaultTheme: id('Theme used when a layout names none that exists.'),
    grid: {
      type: 'object',
      description: 'The regular grid of identical panels that defines wall cells and wall pixels.',
      additionalProperties: false,
      required: ['columns', 'rows', 'panel'],
      properties: {
        columns: { type: 'integer', minimum: 1, description: 'Panels across.' },
        rows: { type: 'integer', minimum: 1, description: 'Panels down.' },
        panel: {
          type: 'object',
          description: 'The grid panel as mounted: its pixels are wall pixels; also the default for grid screens.',
          additionalProperties: false,
          required: ['resolution', 'activeMm', 'bezelMm'],
          properties: {
            resolution: pixelSize('Pixels of the panel as mounted.'),
            activeMm: mmSize('Active (lit) area as mounted, in millimetres.'),
            bezelMm: edges('Bezel widths in millimetres.'),
          },
        },
      },
    },
    nodes: { type: 'array', minItems: 1, description: 'The PCs that drive the screens.', items: node },
    screens: { type: 'array', minItems: 1, description: 'The physical panels of the wall.', items: screen },
    web,
  },
};
