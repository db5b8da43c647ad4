/**
 * The NAIVE page of the overview-vs-naive bench: what a straightforward web page would do to show
 * the same scene as the wall page, with no pixi and no frame scheduling of its own.
 *
 *  - every tile is an absolutely positioned <div>;
 *  - charts: d3 into <svg>, the whole chart (axes, paths, bars, arcs) removed and redrawn on EVERY
 *    update of any of its topics (no batching per frame: that is what the wall's store adds);
 *  - KPIs: textContent set on every update;
 *  - cameras: one <video muted autoplay> per tile with its own hls.js (library defaults), shown
 *    with object-fit: cover, label and LIVE badge as HTML overlays;
 *  - ticker: a row of <span>s moved with style.transform from a requestAnimationFrame loop, the
 *    offset computed from the wall clock as the wall's ticker does.
 *
 * It reads the same host API as the wall page (window.wallrunHost: config, commands, events), so
 * the browser shell opens it with the same config, flags and viewport, and the bench feeds both
 * pages through the same `publish` / `raiseAlert` host commands. Single-screen windows only.
 * Bundled by esbuild at bench time (bench/lib/naive-build.mjs); never shipped.
 */
import * as d3 from 'd3';
import Hls from 'hls.js';
import { tileRect } from '../../dist/core/wall/geometry.js';

const HISTORY = 600; // as the wall's store (DEFAULT_HISTORY)
const SEVERITY_NAMES = {
  critical: { vi: 'NGHIÊM TRỌNG', en: 'CRITICAL' },
  major: { vi: 'NGHIÊM TRỌNG VỪA', en: 'MAJOR' },
  minor: { vi: 'NHẸ', en: 'MINOR' },
  warning: { vi: 'CẢNH BÁO', en: 'WARNING' },
  info: { vi: 'THÔNG TIN', en: 'INFO' },
};
const SEVERITY_RANK = ['critical', 'major', 'minor', 'warning', 'info'];

const host = window.wallrunHost;
const config = host.getConfig();
const layout = config.layouts.find((l) => l.id === config.initialLayout);
const theme = config.themes.find((t) => t.id === layout.theme) ?? config.themes[0];
const lang = config.lang;
const scale = config.scale;
const screen = config.window.screens[0];
const C = theme.colors;

const loc = (text) => (text === undefined ? '' : typeof text === 'string' ? text : (lang === 'en' ? text.en : undefined) ?? text.vi);
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : v && typeof v === 'object' ? num(v.value) : undefined);
function levelColor(value, th) {
  if (!th || value === undefined) return null;
  const past = (limit) => limit !== undefined && (th.direction === 'below' ? value <= limit : value >= limit);
  if (past(th.critical)) return theme.severity.critical;
  if (past(th.warning)) return theme.severity.minor;
  return null;
}

// ── data: latest value and a bounded history per topic, listeners per topic ────────────────────
const topics = new Map();
const listeners = new Map();
const alerts = new Map();
const alertListeners = [];
function publish(topic, value, t = Date.now()) {
  let s = topics.get(topic);
  if (!s) topics.set(topic, (s = { value, t, history: [] }));
  s.value = value;
  s.t = t;
  s.history.push({ t, value });
  if (s.history.length > HISTORY) s.history.shift();
  for (const l of listeners.get(topic) ?? []) l(); // naive: every update redraws at once
}
const on = (topic, fn) => listeners.set(topic, [...(listeners.get(topic) ?? []), fn]);
const alertsChanged = () => alertListeners.forEach((fn) => fn());

// ── tiles ─────────────────────────────────────────────────────────────────────────────────────
document.body.style.background = C.background;
const cameras = [];
const videoStats = new Map();
let fontPx = Math.max(10, Math.round(32 * scale)); // the wall's legible minimum (≈32 wall px)

function tileDiv(tile) {
  const r = tileRect(config.wall, layout, tile);
  const x = (r.x - screen.wallRect.x + screen.windowRect.x) * scale;
  const y = (r.y - screen.wallRect.y + screen.windowRect.y) * scale;
  const div = document.createElement('div');
  div.className = `tile tile-${tile.widget}`;
  div.dataset.tile = tile.id;
  Object.assign(div.style, {
    left: `${x}px`,
    top: `${y}px`,
    width: `${r.width * scale}px`,
    height: `${r.height * scale}px`,
    background: C.surface,
    color: C.text,
    fontSize: `${fontPx}px`,
    border: `1px solid ${C.background}`,
  });
  document.body.appendChild(div);
  return { div, width: r.width * scale, height: r.height * scale };
}

function addTitle(div, tile) {
  if (!tile.title) return 0;
  const t = document.createElement('div');
  t.className = 'title';
  t.textContent = loc(tile.title);
  div.appendChild(t);
  return fontPx * 1.8;
}

function camera(tile) {
  const { div } = tileDiv(tile);
  div.style.background = '#000';
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  div.appendChild(video);
  const label = document.createElement('div');
  label.className = 'plate';
  label.textContent = loc(tile.props.label ?? tile.title);
  Object.assign(label.style, { left: '0.5em', bottom: '0.5em', maxWidth: '80%', overflow: 'hidden', textOverflow: 'ellipsis' });
  const live = document.createElement('div');
  live.className = 'plate live';
  live.textContent = lang === 'vi' ? 'TRỰC TIẾP' : 'LIVE';
  Object.assign(live.style, { left: '0.5em', top: '0.5em' });
  div.append(label, live);
  const url = new URL(tile.props.source, config.cameraBase || location.href).href;
  const stats = { tile: tile.id, url, framesPresented: 0, errors: 0, lastError: null };
  videoStats.set(tile.id, stats);
  // Frames presented, from the callbacks' presentedFrames (as ours counts its element's frames):
  // a busy main thread runs the callbacks late and fewer, the compositor presents frames regardless.
  let last = null;
  const count = (_now, meta) => {
    stats.framesPresented += last === null ? 1 : Math.max(0, meta.presentedFrames - last);
    last = meta.presentedFrames;
    video.requestVideoFrameCallback(count);
  };
  video.requestVideoFrameCallback(count);
  const hls = new Hls();
  hls.on(Hls.Events.ERROR, (_e, data) => {
    stats.errors++;
    stats.lastError = `${data.type}/${data.details}`;
    if (data.fatal) {
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
      else hls.startLoad();
    }
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  video.play().catch(() => undefined);
  cameras.push({ video, hls });
}

function kpi(tile) {
  const { div, height } = tileDiv(tile);
  const top = addTitle(div, tile);
  const p = tile.props;
  const big = (p.fontSizePx ?? 64) * scale;
  const value = document.createElement('div');
  value.className = 'kpi-value';
  Object.assign(value.style, { top: `${top + (height - top - big * 1.6) / 2}px`, fontSize: `${big}px` });
  const delta = document.createElement('div');
  delta.className = 'kpi-delta';
  Object.assign(delta.style, { top: `${top + (height - top - big * 1.6) / 2 + big * 1.25}px`, color: C.textMuted });
  div.append(value, delta);
  value.textContent = '–';
  const topic = tile.topics[0];
  on(topic, () => {
    const s = topics.get(topic);
    const v = num(s.value);
    const prev = s.history.length > 1 ? num(s.history[s.history.length - 2].value) : undefined;
    const fmt = (x) => x.toLocaleString('vi-VN', { minimumFractionDigits: p.decimals ?? 0, maximumFractionDigits: p.decimals ?? 0 });
    value.textContent = v === undefined ? '–' : `${fmt(v)} ${p.unit ?? ''}`;
    value.style.color = levelColor(v, p.thresholds) ?? C.text;
    delta.textContent = v !== undefined && prev !== undefined ? `${v >= prev ? '▲' : '▼'} ${fmt(Math.abs(v - prev))}` : '';
  });
}

const SERIES_COLORS = [C.accent, '#34c759', '#ff9f0a', '#bf5af2', '#64d2ff'];

function chart(tile) {
  const { div, width, height } = tileDiv(tile);
  const top = addTitle(div, tile);
  const p = tile.props;
  const svg = d3
    .select(div)
    .append('svg')
    .attr('width', width)
    .attr('height', height - top)
    .style('top', `${top}px`);
  const h = height - top;
  const m = { l: fontPx * 3, r: fontPx * 0.8, t: fontPx * 0.4, b: fontPx * 1.6 };
  const seriesName = (i) => loc(p.series?.[i]) || tile.topics[i];

  function draw() {
    svg.selectAll('*').remove(); // naive: the whole chart, every update
    const g = svg.append('g').attr('font-size', fontPx * 0.8).attr('fill', C.textMuted);
    if (p.kind === 'gauge') {
      const v = num(topics.get(tile.topics[0])?.value);
      const min = p.min ?? 0;
      const max = p.max ?? 100;
      const r = Math.min(width / 2, h * 0.8) * 0.9;
      const a = d3.scaleLinear().domain([min, max]).range([-Math.PI / 2, Math.PI / 2]).clamp(true);
      const arc = d3.arc().innerRadius(r * 0.72).outerRadius(r);
      const dial = g.append('g').attr('transform', `translate(${width / 2},${h * 0.85})`);
      dial.append('path').attr('d', arc({ startAngle: -Math.PI / 2, endAngle: Math.PI / 2 })).attr('fill', C.background);
      if (v !== undefined) {
        dial.append('path').attr('d', arc({ startAngle: -Math.PI / 2, endAngle: a(v) })).attr('fill', levelColor(v, p.thresholds) ?? C.accent);
        dial
          .append('text')
          .attr('text-anchor', 'middle')
          .attr('y', -r * 0.15)
          .attr('fill', C.text)
          .attr('font-size', fontPx * 1.4)
          .attr('font-weight', 700)
          .text(`${v.toFixed(p.decimals ?? 0)} ${p.unit ?? ''}`);
      }
      return;
    }
    if (p.kind === 'bar') {
      const values = tile.topics.map((t) => num(topics.get(t)?.value) ?? 0);
      const x = d3.scaleBand().domain(tile.topics.map((_, i) => seriesName(i))).range([m.l, width - m.r]).padding(0.25);
      const y = d3.scaleLinear().domain([p.min ?? 0, p.max ?? (d3.max(values) || 1)]).nice().range([h - m.b, m.t]);
      g.append('g').attr('transform', `translate(0,${h - m.b})`).call(d3.axisBottom(x).tickSizeOuter(0));
      g.append('g').attr('transform', `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(4));
      g.selectAll('rect.bar')
        .data(values)
        .join('rect')
        .attr('class', 'bar')
        .attr('x', (_, i) => x(seriesName(i)))
        .attr('width', x.bandwidth())
        .attr('y', (d) => y(d))
        .attr('height', (d) => y(p.min ?? 0) - y(d))
        .attr('fill', (d) => levelColor(d, p.thresholds) ?? C.accent);
      return;
    }
    // line / area / sparkline: time on x, the last windowS seconds
    const now = Date.now();
    const x = d3.scaleTime().domain([now - (p.windowS ?? 3600) * 1000, now]).range([m.l, width - m.r]);
    const series = tile.topics.map((t) => (topics.get(t)?.history ?? []).map((s) => ({ t: s.t, v: num(s.value) })).filter((s) => s.v !== undefined));
    const all = series.flat().map((s) => s.v);
    const y = d3
      .scaleLinear()
      .domain([p.min ?? d3.min(all) ?? 0, p.max ?? d3.max(all) ?? 1])
      .nice()
      .range([h - m.b, m.t]);
    g.append('g').attr('transform', `translate(0,${h - m.b})`).call(d3.axisBottom(x).ticks(4));
    g.append('g').attr('transform', `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(4));
    series.forEach((data, i) => {
      const color = SERIES_COLORS[i % SERIES_COLORS.length];
      if (p.kind === 'area') {
        const area = d3.area().x((d) => x(d.t)).y0(y(p.min ?? 0)).y1((d) => y(d.v));
        g.append('path').attr('d', area(data)).attr('fill', color).attr('fill-opacity', 0.35);
      }
      const line = d3.line().x((d) => x(d.t)).y((d) => y(d.v));
      g.append('path').attr('d', line(data)).attr('fill', 'none').attr('stroke', color).attr('stroke-width', Math.max(1, 3 * scale));
    });
    if (p.series?.length) {
      const legend = g.append('g').attr('transform', `translate(${m.l + 4},${m.t + fontPx * 0.8})`);
      p.series.forEach((_, i) =>
        legend
          .append('text')
          .attr('x', i * (width - m.l) / p.series.length)
          .attr('fill', SERIES_COLORS[i % SERIES_COLORS.length])
          .text(seriesName(i)),
      );
    }
  }
  draw();
  for (const t of tile.topics) on(t, draw);
}

function text(tile) {
  const { div } = tileDiv(tile);
  div.textContent = loc(tile.props.text);
  Object.assign(div.style, { display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: `${(tile.props.fontSizePx ?? 56) * scale}px` });
}

function ticker(tile) {
  const { div, width } = tileDiv(tile);
  const speed = (tile.props.speedPxPerS ?? 120) * scale;
  const line = document.createElement('div');
  line.className = 'ticker-line';
  line.style.fontSize = `${(tile.props.fontSizePx ?? 64) * scale}px`;
  div.appendChild(line);
  let contentWidth = 1;
  function rebuild() {
    line.replaceChildren();
    const list = [...alerts.values()].sort((a, b) => SEVERITY_RANK.indexOf(a.severity) - SEVERITY_RANK.indexOf(b.severity) || b.raisedAt - a.raisedAt);
    if (list.length === 0) line.append(Object.assign(document.createElement('span'), { textContent: lang === 'vi' ? 'Không có cảnh báo' : 'No active alerts' }));
    for (const a of list) {
      const sev = document.createElement('span');
      sev.textContent = `● ${SEVERITY_NAMES[a.severity][lang]}`;
      Object.assign(sev.style, { color: theme.severity[a.severity], fontWeight: 700 });
      const what = document.createElement('span');
      what.textContent = `${a.title}${a.area ? ` · ${a.area}` : ''}`;
      what.style.fontWeight = 600;
      line.append(sev, what);
    }
    contentWidth = Math.max(1, line.offsetWidth);
  }
  rebuild();
  alertListeners.push(rebuild);
  const step = () => {
    const period = contentWidth + width;
    const travelled = ((Date.now() / 1000) * speed) % period;
    line.style.transform = `translate(${Math.round(width - travelled)}px, -50%)`;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

const builders = { camera, kpi, chart, text, ticker };

async function boot() {
  await document.fonts.load(`600 16px "Be Vietnam Pro"`).catch(() => undefined);
  const skipped = [];
  for (const tile of layout.tiles) {
    const build = builders[tile.widget];
    if (build) build(tile);
    else skipped.push(tile.id);
  }
  host.onCommand((cmd) => {
    if (cmd.type === 'publish') publish(cmd.topic, cmd.value, cmd.t);
    else if (cmd.type === 'raiseAlert') {
      alerts.set(cmd.alert.id, cmd.alert);
      alertsChanged();
    } else if (cmd.type === 'clearAlert') {
      alerts.delete(cmd.id);
      alertsChanged();
    }
  });
  window.naiveDebug = {
    cameras: () => [...videoStats.values()].map((s) => ({ ...s })),
    skipped: () => skipped,
  };
  requestAnimationFrame(() => host.emit({ type: 'ready', windowId: config.window.id, layout: layout.id, at: Date.now() }));
}

boot().catch((err) => host.emit({ type: 'error', code: 'uncaught', message: String(err?.message ?? err) }));
