/**
 * Resolves a layout's asset path (`maps/x.geojson`, `logos/a.png`) against the page's asset base.
 * Layouts may name only files under assets/: absolute URLs, rooted paths and `..` segments are
 * refused, so a layout cannot make the wall fetch from elsewhere. Pure; tested in asset-url.test.ts.
 */
export class AssetPathError extends Error {}

export function assetUrl(path: string, assetBase: string, pageBase = 'http://localhost/'): string {
  if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.startsWith('\\')) {
    throw new AssetPathError(`asset path must be relative to assets/: "${path}"`);
  }
  if (path.split(/[\\/]/).some((seg) => seg === '..')) throw new AssetPathError(`asset path leaves assets/: "${path}"`);
  const base = new URL(assetBase || 'assets/', pageBase);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(path, base).href;
}
