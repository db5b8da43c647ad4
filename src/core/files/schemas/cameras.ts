/** JSON Schema of `cameras.yaml` (see docs/formats.md and docs/cameras.md). */
import { DRAFT_07, id, localized, text, type JsonSchema } from './common.js';

const RTSP_URL = '^rtsps?://';

function rtspUrl(description: string): JsonSchema {
  return text(description, { pattern: RTSP_URL, maxLength: 2048, errorMessage: 'must be an rtsp:// or rtsps:// URL' });
}

export const CAMERAS_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'wallrun cameras',
  description: "The project's cameras, pulled by the hub's camera gateway (RTSP) and shown by camera tiles (props.camera).",
  type: 'object',
  additionalProperties: false,
  required: ['cameras'],
  properties: {
    cameras: {
      type: 'array',
      description: 'The cameras, each with a unique id.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'url'],
        properties: {
          id: id('Camera id, named by camera tiles (props.camera).'),
          title: localized('Name in the console and on the tile.'),
          url: rtspUrl('Main stream. No user:password in it: name a credential instead.'),
          subUrl: rtspUrl('Optional sub-stream for small tiles (?sub=1 on the live path).'),
          credential: id("Name of an entry in the hub's <data>/camera-credentials.json (username and password)."),
          transcode: {
            type: 'object',
            description: 'Size an H.265 source is transcoded to (H.264 for the wall); default 1280×720.',
            additionalProperties: false,
            required: ['width', 'height'],
            properties: {
              width: { type: 'integer', minimum: 64, maximum: 3840, description: 'Width in pixels.' },
              height: { type: 'integer', minimum: 64, maximum: 2160, description: 'Height in pixels.' },
            },
          },
        },
      },
    },
  },
};
