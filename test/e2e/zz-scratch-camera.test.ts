import { it } from 'vitest';
import { makeWall } from '../../src/core/test-fixtures.js';
import { startCameraFleet } from '../../src/hub/cameras/camera-fleet.js';
import { WallBrowser, debugState } from '../support/wall-browser.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';

it('scratch', async () => {
  const n = Number(process.env.N ?? 2);
  const fleet = await startCameraFleet({ count: n, staggerMs: 50 });
  await fleet.ready;
  const browser = await WallBrowser.start();
  const base = makeWall();
  const wall = { ...base, nodes: base.nodes.map((x) => ({ ...x, decoderBudget: 12 })) };
  const tiles = Array.from({ length: n }, (_, i) => tile({ id: `c${i + 1}`, widget: 'camera', cell: { col: i % 6, row: Math.floor(i / 6), colSpan: 1, rowSpan: 1 }, props: { source: fleet.playlistUrl(`cam-${String(i + 1).padStart(2, '0')}`) } }));
  const l = layout('t', tiles, { subdivision: { columns: 2, rows: 2 } });
  const win = await browser.shell.openWindow(pageConfig({ wall, layouts: [l], window: windowFor(wall, 'node-1'), scale: 0.25 }));
  for (let i = 0; i < Number(process.env.SECS ?? 15); i++) {
    await win.page.waitForTimeout(1000);
    const st = await debugState(win).catch((e) => String(e));
    const cams = await win.page.evaluate(() => (window as any).wallrunCameras?.()).catch((e) => String(e));
    console.log(i, JSON.stringify(typeof st === 'string' ? st : { fps: st.fps, frame: st.frame, tiles: st.tiles.map((t) => [t.id, t.ready, t.placeholder]) }));
    console.log('   pool', JSON.stringify(cams?.pool)); console.log('   raw', await win.page.evaluate(() => { try { const f = (window as any).wallrunCameras; const r = f(); return JSON.stringify(r).slice(0, 600) + ' | ' + f.toString().slice(0, 200); } catch (e) { return 'ERR ' + String(e); } })); console.log('   cams', JSON.stringify(cams?.tiles?.map((t: any) => [t.tile, t.state, t.framesPresented, t.errors, t.recoveries, t.lastError])));
  }
  console.log('errors', win.errors.slice(0, 20), 'gl', win.glErrors.slice(0, 5), win.glErrors.length);
  console.log('events', JSON.stringify(win.events.filter((e) => e.type !== 'fps')).slice(0, 2000));
  await win.close();
  await browser.close();
  await fleet.stop();
}, 120_000);
