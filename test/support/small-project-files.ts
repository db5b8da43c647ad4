/**
 * A small layout and theme that exercise most fields (hotkey, schedule, subdivision, cell and rect
 * tiles, freshness; font, colours, severities): the seeds of the loaders' robustness test and fuzz
 * targets, kept in one place so both start from the same files.
 */
export const SMALL_LAYOUT = `id: overview
title: { vi: "Tổng quan", en: "Overview" }
theme: dark
hotkey: Ctrl+F1
schedule: [{ at: "07:30", days: [mon] }]
subdivision: { columns: 2, rows: 2 }
tiles:
  - { id: k, widget: kpi, cell: { col: 0, row: 0, colSpan: 2 }, topics: [a.b], props: { fontSizePx: 20 } }
  - { id: c, widget: camera, rect: { x: 0, y: 0, width: 500, height: 500 }, props: { source: x.m3u8 } }
  - { id: t, widget: text, cell: { col: 3, row: 1 }, props: { text: { vi: "Xin chào" } }, freshness: { maxAgeS: 5 } }
`;

export const SMALL_THEME = `id: dark
title: { vi: "Tối", en: "Dark" }
font: { family: "Be Vietnam Pro", package: "@fontsource/be-vietnam-pro", weights: [400] }
colors: { background: "#000000", surface: "#111111", text: "#ffffff", textMuted: "#aaaaaa", accent: "#3fa7ff", bezel: "#000000", stale: "#666666" }
severity: { critical: "#ff0000", major: "#ff8000", minor: "#ffff00", warning: "#00ffff", info: "#ffffff" }
staleOpacity: 0.5
`;
