import { describe, expect, it } from 'vitest';
import { pullCommand, secretInputScript } from './ffmpeg-args.js';
import { urlWithCredential } from './credentials.js';

describe('the pull command', () => {
  const secretUrl = urlWithCredential('rtsp://10.0.0.21:554/Streaming/Channels/101', { username: "o'neil", password: "p'w d" });

  it('gives a URL with a credential on stdin as an ffconcat script, never in the arguments', () => {
    const c = pullCommand({ url: secretUrl, secret: true, hlsDir: '/tmp/x', timeoutMs: 5000 });
    expect(c.args.join(' ')).not.toContain('neil');
    expect(c.args.join(' ')).not.toContain('p%27w');
    expect(c.args).toEqual(expect.arrayContaining(['-f', 'concat', '-safe', '0', '-i', 'pipe:0']));
    expect(c.stdin).toBe(secretInputScript(secretUrl, 5000));
  });

  it('quotes the URL as av_get_token reads it (a quote as \'\\\'\'), and gives the RTSP input its options', () => {
    expect(secretInputScript(secretUrl, 5000).split('\n')).toEqual([
      'ffconcat version 1.0',
      "file 'rtsp://o'\\''neil:p'\\''w%20d@10.0.0.21:554/Streaming/Channels/101'",
      'option rtsp_transport tcp',
      'option timeout 5000000',
      'option fflags nobuffer',
      '',
    ]);
  });

  it('keeps a plain -i for a camera without a credential; RTSP options only for RTSP', () => {
    const rtsp = pullCommand({ url: 'rtsp://10.0.0.1/1', hlsDir: '/tmp/x', timeoutMs: 5000 });
    expect(rtsp.stdin).toBeNull();
    expect(rtsp.args.join(' ')).toContain('-rtsp_transport tcp -timeout 5000000 -fflags nobuffer -i rtsp://10.0.0.1/1');
    const hls = pullCommand({ url: 'http://127.0.0.1:9/cam-01/index.m3u8', hlsDir: '/tmp/x', timeoutMs: 5000 });
    expect(hls.args).not.toContain('-rtsp_transport');
    expect(hls.args.join(' ')).toContain('-c:v copy -tag:v avc1');
  });
});
