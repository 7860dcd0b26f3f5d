import { describe, expect, it } from 'vitest';
import { checkCaptureTarget, isForbiddenAddress } from '../../src/evidence/capture/network-guard.js';

describe('capture refuses addresses a consumer never means', () => {
  it.each([
    ['169.254.169.254', true],
    ['169.254.0.1', true],
    ['::ffff:169.254.169.254', true],
    ['fe80::1', true],
    ['febf::1', true],
    ['127.0.0.1', false],
    ['10.0.0.8', false],
    ['192.168.1.1', false],
    ['::1', false],
    ['fec0::1', false],
    ['93.184.216.34', false],
  ])('%s forbidden: %s', (address, forbidden) => {
    expect(isForbiddenAddress(address)).toBe(forbidden);
  });

  it('checks names after DNS resolution and metadata names before it', async () => {
    const resolve = async (host: string) => (host === 'evil.example' ? ['93.184.216.34', '169.254.169.254'] : ['93.184.216.34']);
    await expect(checkCaptureTarget('http://evil.example/', resolve)).rejects.toMatchObject({ key: 'capture.forbiddenAddress', exitCode: 2 });
    await expect(checkCaptureTarget('http://metadata.google.internal/computeMetadata/v1/', resolve)).rejects.toMatchObject({ exitCode: 2 });
    await expect(checkCaptureTarget('http://[fe80::1]/', resolve)).rejects.toMatchObject({ exitCode: 2 });
    await expect(checkCaptureTarget('http://shop.example/', resolve)).resolves.toBeUndefined();
    await expect(checkCaptureTarget('http://127.0.0.1:8080/order', resolve)).resolves.toBeUndefined();
  });

  it('lets through what reaches no host (the navigation guard sees every document request)', async () => {
    const resolve = async () => ['169.254.169.254'];
    for (const url of ['about:blank', 'data:text/html,<p>x</p>', 'chrome-error://chromewebdata/', 'not a url']) {
      await expect(checkCaptureTarget(url, resolve)).resolves.toBeUndefined();
    }
    await expect(checkCaptureTarget('https://shop.example/', resolve)).rejects.toMatchObject({ key: 'capture.forbiddenAddress' });
  });
});
