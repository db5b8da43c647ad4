import { describe, expect, it } from 'vitest';
import { framesForVerdict, frameUrlKey } from './web-frame.js';

const frame = (url: string) => ({ url, urlKey: frameUrlKey(url) });
const frames = [frame('https://grafana.example/d/a?kiosk'), frame('https://grafana.example/d/b'), frame('https://portal.example/')];
const urls = (fs: readonly { url: string }[]) => fs.map((f) => f.url);

describe('which frames a host verdict is for', () => {
  it('the frames showing that URL, compared as URLs (default port, case of the host)', () => {
    expect(urls(framesForVerdict(frames, 'https://GRAFANA.example:443/d/a?kiosk', 'refused'))).toEqual(['https://grafana.example/d/a?kiosk']);
    expect(urls(framesForVerdict(frames, 'https://grafana.example/d/a?kiosk', 'unresponsive'))).toEqual(['https://grafana.example/d/a?kiosk']);
  });

  it('a hung frame reported at a URL no tile asked for (a redirect): the frames of its origin, which share its process', () => {
    expect(urls(framesForVerdict(frames, 'https://grafana.example/login?redirect=%2Fd%2Fa', 'unresponsive'))).toEqual(['https://grafana.example/d/a?kiosk', 'https://grafana.example/d/b']);
  });

  it('a response verdict at an unknown URL is for no frame', () => {
    expect(framesForVerdict(frames, 'https://grafana.example/login', 'refused')).toEqual([]);
    expect(framesForVerdict(frames, 'not a url', 'unresponsive')).toEqual([]);
  });
});
