import { describe, expect, it } from 'vitest';
import { AssetPathError, assetUrl } from './asset-url.js';

describe('assetUrl', () => {
  it('resolves paths under the asset base', () => {
    expect(assetUrl('maps/a.geojson', 'http://127.0.0.1:5000/assets/')).toBe('http://127.0.0.1:5000/assets/maps/a.geojson');
    expect(assetUrl('a.png', 'http://h/assets')).toBe('http://h/assets/a.png');
    expect(assetUrl('a.png', '', 'http://h/wall/index.html')).toBe('http://h/wall/assets/a.png');
  });
  it('refuses paths that leave assets/', () => {
    for (const p of ['../secret', 'maps/../../x', '/etc/passwd', 'http://evil/x.png', 'file:///x', '']) {
      expect(() => assetUrl(p, 'http://h/assets/')).toThrow(AssetPathError);
    }
  });
});
