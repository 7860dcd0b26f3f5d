import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KnownDevices } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_DEVICE } from '../../src/evidence/capture/devices.js';
import { pngSize } from '../../src/evidence/capture/capture-page.js';
import { mhtmlText } from '../fixtures/evidence/case-snapshot.js';
import { H5_MARKER, type PagesServer, startPagesServer } from '../fixtures/evidence/pages-server.js';
import { FIXED_NOW, makeTempDir, runCli, SAMPLE_ORDER } from '../helpers/cli.js';

type Sidecar = { viewport: { width: number; deviceScaleFactor: number }; userAgent: string; emulation?: { device: string; viewport: Record<string, unknown>; userAgent: string }; screenshotSize: { width: number } };

describe('capture --device phone: H5 pages as a phone shows them (real chromium)', () => {
  let server: PagesServer;
  let home: string;
  let cleanup: () => Promise<void>;
  const cli = (args: string[]) => runCli(args, { home, env: { WEIQUAN_NOW: FIXED_NOW } });
  const phone = KnownDevices[PHONE_DEVICE];

  /** The screenshot, MHTML and sidecar of an evidence item of C1. */
  async function filed(id: string): Promise<{ png: Buffer; mhtml: string; sidecar: Sidecar }> {
    const dir = path.join(home, 'cases', 'C1', 'evidence', id);
    return {
      png: await readFile(path.join(dir, 'screenshot.png')),
      mhtml: mhtmlText(await readFile(path.join(dir, 'page.mhtml'), 'utf8')),
      sidecar: JSON.parse(await readFile(path.join(dir, 'capture.json'), 'utf8')) as Sidecar,
    };
  }

  beforeAll(async () => {
    server = await startPagesServer();
    ({ dir: home, cleanup } = await makeTempDir('weiquan-device-'));
    expect((await cli(['new', ...SAMPLE_ORDER])).code).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('emulates the phone from puppeteer\'s device table: phone-wide PNG, the phone-only content, the emulation in the sidecar', async () => {
    const run = await cli(['capture', 'C1', server.url('/h5'), '--device', 'phone']);
    expect(run.code, run.stderr).toBe(0);
    const { png, mhtml, sidecar } = await filed('E1');
    expect(pngSize(png).width).toBe(phone.viewport.width * phone.viewport.deviceScaleFactor!);
    expect(phone.viewport.width).toBeLessThan(500);
    expect(mhtml).toContain(H5_MARKER);
    expect(sidecar.emulation).toEqual({
      device: PHONE_DEVICE,
      viewport: { width: phone.viewport.width, height: phone.viewport.height, deviceScaleFactor: phone.viewport.deviceScaleFactor, isMobile: true, hasTouch: true },
      userAgent: phone.userAgent,
    });
    expect(sidecar.userAgent).toBe(phone.userAgent);
    expect(sidecar.viewport).toMatchObject({ width: phone.viewport.width, deviceScaleFactor: phone.viewport.deviceScaleFactor });
    // the item keeps the scale factor, so documents print the phone's pixels that much finer (one column, not three)
    const record = JSON.parse(await readFile(path.join(home, 'cases', 'C1', 'case.json'), 'utf8')) as { evidence: Array<{ meta: { capture: { scale?: number } } }> };
    expect(record.evidence[0]!.meta.capture.scale).toBe(phone.viewport.deviceScaleFactor);
  }, 60_000);

  it('the same page in the desktop window (the default) lacks the phone-only content', async () => {
    const run = await cli(['capture', 'C1', server.url('/h5')]);
    expect(run.code, run.stderr).toBe(0);
    const { png, mhtml, sidecar } = await filed('E2');
    expect(pngSize(png).width).toBe(1280);
    expect(mhtml).not.toContain(H5_MARKER);
    expect(sidecar.emulation).toBeUndefined();
  }, 60_000);

  it('the captureDevice setting makes phone the default; --device desktop still wins; bad values are exit 2', async () => {
    expect((await cli(['config', 'set', 'captureDevice', 'tablet'])).code).toBe(2);
    expect((await cli(['config', 'set', 'captureDevice', 'phone'])).code).toBe(0);
    expect((await cli(['config', 'get', 'captureDevice'])).stdout).toContain('phone');
    expect((await cli(['capture', 'C1', server.url('/h5')])).code).toBe(0);
    expect(pngSize((await filed('E3')).png).width).toBe(phone.viewport.width * phone.viewport.deviceScaleFactor!);
    expect((await cli(['capture', 'C1', server.url('/h5'), '--device', 'desktop'])).code).toBe(0);
    expect(pngSize((await filed('E4')).png).width).toBe(1280);
    const bad = await cli(['capture', 'C1', server.url('/h5'), '--device', 'tablet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--device is desktop or phone/);
  }, 90_000);
});
