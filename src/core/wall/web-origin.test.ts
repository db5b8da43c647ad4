import { describe, expect, it } from 'vitest';
import { parseWebUrl, redactUserInfo, webOrigin } from './web-origin.js';

describe('webOrigin: a URL’s origin as browsers write it', () => {
  it.each([
    ['https://grafana.ioc.example/d/abc?kiosk', 'https://grafana.ioc.example'],
    ['HTTPS://Grafana.IOC.example:443/x', 'https://grafana.ioc.example'],
    ['http://10.20.0.7:80', 'http://10.20.0.7'],
    ['http://10.20.0.7:3000#top', 'http://10.20.0.7:3000'],
    ['https://portal.example:0443/', 'https://portal.example'],
    ['http://[::1]:8080/', 'http://[::1]:8080'],
    ['https://localhost', 'https://localhost'],
  ])('%s → %s', (url, origin) => {
    expect(webOrigin(url)).toBe(origin);
  });

  it.each(['ftp://files.example/', 'javascript:alert(1)', 'data:text/html,x', 'https://', 'https://a..b/', 'https://grafana.example:70000/', 'https://bad host/', '//grafana.example/', 'https://đà-nẵng.example/'])(
    'refuses %s',
    (url) => {
      expect(webOrigin(url)).toBeUndefined();
    },
  );

  it('tells a URL carrying a user name or password', () => {
    expect(parseWebUrl('https://wall:secret@grafana.example/')).toEqual({ origin: 'https://grafana.example', hasUserInfo: true });
    expect(parseWebUrl('https://grafana.example/a@b')).toEqual({ origin: 'https://grafana.example', hasUserInfo: false });
  });
});

describe('redactUserInfo', () => {
  it('drops the user name and password of every URL in a text, nothing else', () => {
    expect(redactUserInfo('see https://wall:s3cret@grafana.example/d and ftp://u@files/x')).toBe('see https://…@grafana.example/d and ftp://…@files/x');
    expect(redactUserInfo('https://grafana.example/a@b')).toBe('https://grafana.example/a@b');
  });

  // Found by test/fuzz/loaders.fuzz.test.ts: a 1 MB value in automation.yaml took minutes to quote.
  it('takes time in proportion to the text, however long its run of letters', () => {
    const letters = 'x'.repeat(300_000);
    const started = performance.now();
    expect(redactUserInfo(letters)).toBe(letters);
    expect(redactUserInfo(`${letters}:`)).toBe(`${letters}:`);
    expect(redactUserInfo(`${letters}https://u:p@h/`)).toBe(`${letters}https://…@h/`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
