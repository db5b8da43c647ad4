// What the latency benches share: the hub tokens they start their hub with and the theme of their layouts.
export const TOKENS = {
  wall: 'bench-wall-token-0123456789abcdef',
  operator: 'bench-operator-token-0123456789ab',
  integration: 'bench-integration-token-0123456789',
};

export const THEME = {
  file: 'bench/theme.yaml',
  id: 'control-room-dark',
  title: { vi: 'Phòng điều hành (tối)', en: 'Control room (dark)' },
  font: { family: 'Be Vietnam Pro', package: '@fontsource/be-vietnam-pro', weights: [400, 600, 700] },
  colors: { background: '#0b1220', surface: '#131c2e', text: '#e6edf7', textMuted: '#8a9bb5', accent: '#3fa7ff', bezel: '#000000', stale: '#6b7280' },
  severity: { critical: '#ff3b30', major: '#ff9500', minor: '#ffd60a', warning: '#64d2ff', info: '#8e8e93' },
  staleOpacity: 0.45,
};
