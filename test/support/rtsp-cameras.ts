/**
 * The RTSP test cameras: they ship with the demo (src/hub/demo/cameras/rtsp-cameras.ts and its
 * rtsp-camera-server.py); tests and benches use the same server.
 */
export * from '../../src/hub/demo/cameras/rtsp-cameras.js';
