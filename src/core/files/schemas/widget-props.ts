/** `props` of each widget type (docs/formats.md, "Widget properties"). */
import { CHART_KINDS, SEVERITIES, WEB_REFRESH_MIN_S, WEB_ZOOM_RANGE, type WidgetType } from '../../wall/model.js';
import { assetPath, enumOf, id, localized, text, type JsonSchema } from './common.js';

const fontSizePx: JsonSchema = {
  type: 'number',
  exclusiveMinimum: 0,
  description: 'Text height in wall pixels (checked against the legible height at the viewing distance).',
};

const decimals = (dflt?: number): JsonSchema => ({
  type: 'integer',
  minimum: 0,
  maximum: 10,
  description: 'Digits after the decimal point.',
  ...(dflt === undefined ? {} : { default: dflt }),
});

const thresholds: JsonSchema = {
  type: 'object',
  description: 'Values at which the display turns to warning and critical colours.',
  additionalProperties: false,
  properties: {
    warning: { type: 'number', description: 'Warning threshold.' },
    critical: { type: 'number', description: 'Critical threshold.' },
    direction: enumOf(['above', 'below'], 'Whether values above or below the thresholds are bad.', { default: 'above' }),
  },
};

const severities: JsonSchema = {
  type: 'array',
  description: 'Which alert severities to show (default: all).',
  uniqueItems: true,
  items: enumOf(SEVERITIES, 'An X.733 severity.'),
};

function props(description: string, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties,
  };
}

export const WIDGET_PROPS: Record<WidgetType, JsonSchema> = {
  camera: props(
    'Camera tile: a camera of cameras.yaml (props.camera, through the hub\'s gateway) or a live HLS stream (props.source).',
    {
      camera: id('Id of a camera in cameras.yaml.'),
      source: text('HLS URL (relative URLs resolve against the camera base the shell is given), or go2rtc\'s MSE WebSocket ws(s)://host:port/api/ws?src=<stream>.'),
      label: localized('Caption shown over the picture.'),
      showLabel: { type: 'boolean', default: true, description: 'Show the caption.' },
    },
    [],
  ),
  chart: props(
    'Chart of the tile topics over time.',
    {
      kind: enumOf(CHART_KINDS, 'Chart kind.'),
      unit: { type: 'string', description: 'Unit shown after values, e.g. "%".' },
      min: { type: 'number', description: 'Lower end of the value axis (default: from the data).' },
      max: { type: 'number', description: 'Upper end of the value axis (default: from the data).' },
      windowS: { type: 'number', exclusiveMinimum: 0, default: 3600, description: 'History shown, in seconds.' },
      forecastS: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Line and area charts: seconds of the time axis shown right of now when a topic has a forecast (default: windowS / 3).',
      },
      decimals: decimals(),
      thresholds,
      series: { type: 'array', description: 'Series names, one per topic.', items: localized('Series name.') },
    },
    ['kind'],
  ),
  kpi: props('A single value with its trend, target and thresholds.', {
    unit: { type: 'string', description: 'Unit shown after the value, e.g. "%".' },
    decimals: decimals(0),
    label: localized('Secondary caption under the tile title (source, deadline); the title is always shown.'),
    thresholds,
    target: { type: 'number', description: 'The value aimed at: shown as "mục tiêu 95%" under the value and drawn across the trend.' },
    fontSizePx,
    forecast: {
      description: 'Show the topic\'s forecast at a horizon, e.g. "dự báo 17:00: 62 %": `at` a time of day in the wall\'s zone (the next one), or `inS` seconds ahead.',
      oneOf: [
        { type: 'object', additionalProperties: false, required: ['at'], properties: { at: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM in the wall\'s time zone.' } } },
        { type: 'object', additionalProperties: false, required: ['inS'], properties: { inS: { type: 'number', exclusiveMinimum: 0, description: 'Seconds ahead of now.' } } },
      ],
    },
  }),
  ticker: props('Scrolling line of active alerts.', {
    speedPxPerS: { type: 'number', exclusiveMinimum: 0, default: 120, description: 'Scroll speed in wall pixels per second.' },
    severities,
    fontSizePx,
  }),
  'alert-list': props('List of active alerts, most severe first.', {
    maxItems: { type: 'integer', minimum: 1, description: 'Most rows shown (default: as many as fit at the legible size).' },
    severities,
    sectors: {
      type: 'array',
      description: 'Only alerts of these sectors (default: all).',
      uniqueItems: true,
      items: text('Sector name.'),
    },
    fontSizePx,
  }),
  clock: props('Clock in the wall time zone.', {
    format: enumOf(['HH:mm:ss', 'HH:mm'], 'Time format.', { default: 'HH:mm:ss' }),
    showDate: { type: 'boolean', default: true, description: 'Show the date under the time.' },
    fontSizePx,
  }),
  text: props(
    'Static text.',
    {
      text: localized('The text shown.'),
      fontSizePx: { ...fontSizePx, default: 48 },
      align: enumOf(['left', 'center', 'right'], 'Horizontal alignment.'),
    },
    ['text'],
  ),
  image: props(
    'Static image.',
    {
      src: assetPath('Image path under assets/.'),
      fit: enumOf(['contain', 'cover'], 'How the image fills the tile.', { default: 'contain' }),
    },
    ['src'],
  ),
  map: props(
    'Map of GeoJSON areas (filled) and points (markers), coloured by the tile topic values joined on a feature property.',
    {
      geojson: assetPath('GeoJSON path under assets/.'),
      valueProperty: {
        type: 'string',
        minLength: 1,
        default: 'id',
        description: "Feature property (areas and points) joined with the topic's keys.",
      },
      min: { type: 'number', description: 'Value at the low end of the colour scale.' },
      max: { type: 'number', description: 'Value at the high end of the colour scale.' },
      label: localized('Legend caption.'),
    },
    ['geojson'],
  ),
  web: props(
    "A web page (a subsystem's dashboard) in a sandboxed frame; its origin must be listed in wall.yaml web.origins.",
    {
      url: text('http: or https: URL of the page, e.g. "https://grafana.ioc.example/d/abc?kiosk".', {
        pattern: '^[hH][tT][tT][pP][sS]?://[^/?#\\s]+',
        errorMessage: 'must be an http: or https: URL such as "https://grafana.ioc.example/d/abc?kiosk"',
      }),
      refreshS: {
        type: 'number',
        minimum: WEB_REFRESH_MIN_S,
        description: `Reload the page every this many seconds (at least ${WEB_REFRESH_MIN_S}); default: never on a timer.`,
      },
      credential: text("Name of a credential declared in wall.yaml web.credentials (the secret stays on each node)."),
      zoom: {
        type: 'number',
        minimum: WEB_ZOOM_RANGE.min,
        maximum: WEB_ZOOM_RANGE.max,
        default: WEB_ZOOM_RANGE.default,
        description: `CSS zoom of the page inside the tile, ${WEB_ZOOM_RANGE.min} to ${WEB_ZOOM_RANGE.max}.`,
      },
    },
    ['url'],
  ),
};
