import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import { loadProject } from './project.js';
import { loadLayout } from './validate.js';

const enc = (text: string) => new TextEncoder().encode(text);
const file = (path: string, text: string) => ({ path, bytes: enc(text) });

const CAMERAS = `cameras:
  - id: nga-tu-quoc-lo-1
    title: { vi: "Ngã tư Quốc lộ 1", en: "National road 1 junction" }
    url: rtsp://10.0.0.21:554/Streaming/Channels/101
    subUrl: rtsp://10.0.0.21:554/Streaming/Channels/102
    credential: hik-nga-tu
  - id: cau-rong
    title: Cầu Rồng
    url: rtsps://10.0.0.22/stream1
    transcode: { width: 640, height: 360 }
`;

const layout = (props: string) => `id: cameras
title: { vi: Camera, en: Cameras }
theme: dark
subdivision: { columns: 1, rows: 1 }
tiles:
  - id: cam
    widget: camera
    cell: { col: 0, row: 0 }
    props: ${props}
`;

function messages(cameras: string | null, layoutText = layout('{ camera: cau-rong }')): string[] {
  const r = loadProject({ layouts: [file('layouts/cameras.yaml', layoutText)], themes: [], ...(cameras !== null ? { cameras: file('cameras.yaml', cameras) } : {}) });
  // No theme files are given here: their absence is not what these tests are about.
  return r.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'unknown-theme').map(formatDiagnostic);
}

describe('cameras.yaml', () => {
  it('loads the cameras with the transcode size defaulted', () => {
    const r = loadProject({ layouts: [], themes: [], cameras: file('cameras.yaml', CAMERAS) });
    const cameras = r.ok ? r.value.cameras : r.partial.cameras;
    expect(cameras).toEqual([
      {
        id: 'nga-tu-quoc-lo-1',
        title: { vi: 'Ngã tư Quốc lộ 1', en: 'National road 1 junction' },
        url: 'rtsp://10.0.0.21:554/Streaming/Channels/101',
        subUrl: 'rtsp://10.0.0.21:554/Streaming/Channels/102',
        credential: 'hik-nga-tu',
        transcode: { width: 1280, height: 720 },
      },
      { id: 'cau-rong', title: 'Cầu Rồng', url: 'rtsps://10.0.0.22/stream1', transcode: { width: 640, height: 360 } },
    ]);
    expect(messages(CAMERAS)).toEqual([]);
  });

  it('refuses a non-RTSP URL, a password in the URL and a repeated id, each at its place', () => {
    const bad = `cameras:
  - id: a
    title: A
    url: http://10.0.0.1/live.m3u8
  - id: b
    title: B
    url: rtsp://admin:12345@10.0.0.2/1
  - id: a
    title: A again
    url: rtsp://10.0.0.3/1
`;
    expect(messages(bad, layout('{ camera: b }'))).toEqual([
      'cameras.yaml:4:10: error: cameras[0].url: must be an rtsp:// or rtsps:// URL (got "http://10.0.0.1/live.m3u8")',
      expect.stringMatching(/^cameras\.yaml:7:10: error: cameras\[1\]\.url: url holds a user name or password: secrets do not go in the project/),
      'cameras.yaml:8:9: error: cameras[2].id: camera id "a" is already used by cameras[0]',
    ]);
  });

  it("refuses a layout's camera tile naming a camera the project lacks", () => {
    expect(messages(CAMERAS, layout('{ camera: cau-rongg }'))).toEqual([
      'layouts/cameras.yaml:9:22: error: tiles[0].props.camera: unknown camera "cau-rongg" (did you mean "cau-rong"?)',
    ]);
    expect(messages(null)).toEqual(['layouts/cameras.yaml:9:22: error: tiles[0].props.camera: unknown camera "cau-rong" (the project has no cameras.yaml)']);
  });

  it('a camera tile needs props.camera or props.source', () => {
    const r = loadLayout(file('layouts/cameras.yaml', layout('{ label: Cổng }')));
    expect(r.ok ? [] : r.diagnostics.map((d) => d.code)).toEqual(['camera-without-source']);
    expect(loadLayout(file('layouts/cameras.yaml', layout('{ source: "https://x/a.m3u8" }'))).ok).toBe(true);
  });

  it('a ws(s) source must be go2rtc\'s MSE WebSocket, refused with its place otherwise', () => {
    expect(loadLayout(file('layouts/cameras.yaml', layout('{ source: "wss://go2rtc.example:1984/api/ws?src=cam1" }'))).ok).toBe(true);
    expect(loadLayout(file('layouts/cameras.yaml', layout('{ source: "ws://10.0.0.5/go2rtc/api/ws?foo=1&src=cam1" }'))).ok).toBe(true);
    const whep = loadLayout(file('layouts/cameras.yaml', layout('{ source: "wss://mediamtx.example:8889/cam1/whep" }')));
    expect(whep.ok ? [] : whep.diagnostics.map(formatDiagnostic)).toEqual([
      'layouts/cameras.yaml:9:22: error: tiles[0].props.source: props.source "wss://mediamtx.example:8889/cam1/whep" is a WebSocket URL but not go2rtc\'s MSE stream: write ws(s)://<go2rtc host:port>/api/ws?src=<stream name> (a WHEP or other WebSocket is not supported)',
    ]);
    const noSrc = loadLayout(file('layouts/cameras.yaml', layout('{ source: "ws://go2rtc.example:1984/api/ws" }')));
    expect(noSrc.ok ? [] : noSrc.diagnostics.map((d) => d.code)).toEqual(['camera-source-websocket']);
  });
});
