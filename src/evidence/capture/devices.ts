import { createRequire } from 'node:module';
import type { Device } from 'puppeteer-core';
import type { CaptureDevice } from '../../core/settings.js';

/**
 * The phone `capture --device phone` emulates: the newest iPhone in puppeteer's device table (KnownDevices),
 * whose numbers — viewport, device scale factor, touch, mobile user agent — are taken as they are. H5 order
 * pages are made for this size.
 */
export const PHONE_DEVICE = 'iPhone 15 Pro';

/** A device as the sidecar records it. */
export type Emulation = {
  device: string;
  viewport: { width: number; height: number; deviceScaleFactor: number; isMobile: boolean; hasTouch: boolean };
  userAgent: string;
};

/** What the page is given to emulate, with what the sidecar records of it. */
export type DeviceEmulation = Emulation & { descriptor: Device };

/** What the sidecar records of an emulation (the descriptor's numbers, by name). */
export function emulationRecord({ device, viewport, userAgent }: DeviceEmulation): Emulation {
  return { device, viewport, userAgent };
}

/** The descriptor to emulate for a capture device; undefined for the desktop window (the browser's own). */
export function emulationFor(device: CaptureDevice): DeviceEmulation | undefined {
  if (device === 'desktop') return undefined;
  const { KnownDevices } = createRequire(import.meta.url)('puppeteer-core') as typeof import('puppeteer-core');
  const descriptor = KnownDevices[PHONE_DEVICE];
  const { width, height, deviceScaleFactor = 1, isMobile = false, hasTouch = false } = descriptor.viewport;
  return { device: PHONE_DEVICE, viewport: { width, height, deviceScaleFactor, isMobile, hasTouch }, userAgent: descriptor.userAgent, descriptor };
}
