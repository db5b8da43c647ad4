import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/hub-fixtures.js';
import { CAMERA_CREDENTIALS_FILE, maskSecrets, readCameraCredentials, urlWithCredential } from './credentials.js';

describe('camera-credentials.json', () => {
  const dir = tempDir('wallrun-camcred-');
  const file = path.join(dir.dir, CAMERA_CREDENTIALS_FILE);
  afterEach(() => dir.remove());

  it('reads a mode 600 file and refuses one its group or others can read, without quoting it', () => {
    writeFileSync(file, JSON.stringify({ 'hik-nga-tu': { username: 'admin', password: 'p@ss:w/rd' } }), { mode: 0o600 });
    const ok = readCameraCredentials(dir.dir);
    expect(ok.ok && ok.credentials.get('hik-nga-tu')).toEqual({ username: 'admin', password: 'p@ss:w/rd' });
    chmodSync(file, 0o644);
    const refused = readCameraCredentials(dir.dir);
    expect(refused).toEqual({ ok: false, error: `${file} has mode 644: refused (chmod 600 ${file})` });
  });

  it('puts the credential in the URL percent-encoded, and masks it in any line', () => {
    const credential = { username: 'admin', password: 'p@ss:w/rd' };
    const url = urlWithCredential('rtsp://10.0.0.21:554/Streaming/Channels/101', credential);
    expect(url).toBe('rtsp://admin:p%40ss%3Aw%2Frd@10.0.0.21:554/Streaming/Channels/101');
    const line = `Input #0, rtsp, from '${url}': said p@ss:w/rd`;
    expect(maskSecrets(line, credential)).toBe("Input #0, rtsp, from 'rtsp://***@10.0.0.21:554/Streaming/Channels/101': said ***");
  });
});
