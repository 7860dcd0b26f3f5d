import { packageVersion } from '../../package-info.js';
import type { Case, EvidenceItem, EvidenceKind } from '../../core/case-model.js';
import { toZonedIso } from '../../core/time.js';
import { sha256Of } from '../hashing.js';
import { derivedEvidenceTitle, type NameTranslate } from '../naming.js';
import { createStaging, describeStagedFile, type PendingEvidence, stageBuffer, type Staging } from '../staging.js';
import { makeCaptionedCopy } from './caption.js';
import type { PageCapture } from './capture-page.js';

export const SCREENSHOT_FILE = 'screenshot.png';
export const MHTML_FILE = 'page.mhtml';
export const CAPTIONED_FILE = 'screenshot-captioned.png';
export const SIDECAR_FILE = 'capture.json';
export const SIDECAR_SCHEMA = 'weiquan.capture/1';

export type CaptureMode = 'headless' | 'login' | 'connect';

/** How the page was reached, for the sidecar (never cookie values). */
export type CaptureContext = {
  mode: CaptureMode;
  cookies?: { file: string; count: number; domains: string[] };
};

/**
 * What the user decided for a captured page. Without a title (`--title`) the 证据名称 is derived from the kind and
 * the capture time through `naming` (the stored wording's translator): "订单页面截图（网页取证，2026-11-25 21:40）";
 * the page's own <title> is kept in the item's capture facts, never used as the name (the platform wrote it).
 */
export type CaptureDecisions = { kind: EvidenceKind; proves: string; note?: string; againOf?: string; title?: string; naming?: NameTranslate };

/** Lines of the caption strip, in the user's language. */
export type CaptionText = (facts: { caseId: string; evidenceId: string; kind: EvidenceKind; url: string; local: string; zone: string; utc: string; sha256: string }) => string[];

function timeBoth(instant: Date, zone: string) {
  return { utc: instant.toISOString(), local: toZonedIso(instant, zone), timeZone: zone };
}

/** Write the screenshot and MHTML of a finished page capture into a fresh staging folder of the case. */
export async function stageCapture(caseDir: string, capture: PageCapture): Promise<Staging> {
  const staging = await createStaging(caseDir);
  try {
    // both written at once; both settle before any failure removes the folder
    const writes = await Promise.allSettled([stageBuffer(staging, SCREENSHOT_FILE, capture.screenshot), ...(capture.mhtml !== undefined ? [stageBuffer(staging, MHTML_FILE, capture.mhtml)] : [])]);
    const failure = writes.find((write): write is PromiseRejectedResult => write.status === 'rejected');
    if (failure) throw failure.reason;
    return staging;
  } catch (error) {
    await staging.remove();
    throw error;
  }
}

/**
 * A staged capture waiting for its id. Filing adds the captioned copy (it shows the id) and the sidecar
 * (it lists the SHA-256 of every other artifact) and returns the evidence item.
 */
export type PendingCapture = PendingEvidence & {
  /**
   * Render the captioned copy ahead of filing, for the id the item will most likely get (the case's next
   * one), outside the case lock and while the browser closes. Filing renders again only if the id differs.
   */
  prepare(expectedId: string, current: Case): Promise<void>;
};

export function pendingCapture(staging: Staging, capture: PageCapture, context: CaptureContext, decisions: CaptureDecisions, caption: CaptionText): PendingCapture {
  let preparedFor: string | undefined;
  /** whether the captioned copy was made (it needs sharp, an optional package) */
  let captioned = false;
  const renderCaption = async (id: string, current: Case) => {
    const zone = current.timeZone;
    const lines = caption({
      caseId: current.id,
      evidenceId: id,
      kind: decisions.kind,
      url: capture.finalUrl,
      local: toZonedIso(capture.endedAt, zone),
      zone,
      utc: capture.endedAt.toISOString(),
      sha256: sha256Of(capture.screenshot),
    });
    const copy = await makeCaptionedCopy(capture.screenshot, lines);
    if (copy) await stageBuffer(staging, CAPTIONED_FILE, copy);
    captioned = copy !== undefined;
    preparedFor = `${current.id}/${id}/${zone}`;
  };
  return {
    staging,
    async prepare(expectedId: string, current: Case): Promise<void> {
      await renderCaption(expectedId, current);
    },
    async finish(id: string, current: Case, addedAt: string): Promise<EvidenceItem> {
      const zone = current.timeZone;
      if (preparedFor !== `${current.id}/${id}/${zone}`) await renderCaption(id, current);
      const artifacts = [await describeStagedFile(staging, id, SCREENSHOT_FILE, 'screenshot', 'image/png')];
      if (capture.mhtml !== undefined) artifacts.push(await describeStagedFile(staging, id, MHTML_FILE, 'mhtml', 'multipart/related'));
      if (captioned) artifacts.push(await describeStagedFile(staging, id, CAPTIONED_FILE, 'captioned', 'image/png'));
      const warnings = capture.warnings.map((warning) => warning.code);
      const sidecar = {
        schema: SIDECAR_SCHEMA,
        case: current.id,
        evidence: id,
        ...(decisions.againOf ? { againOf: decisions.againOf } : {}),
        requestedUrl: capture.requestedUrl ?? null,
        finalUrl: capture.finalUrl,
        redirectChain: capture.redirectChain,
        httpStatus: capture.httpStatus ?? null,
        title: capture.title,
        captureStarted: timeBoth(capture.startedAt, zone),
        captureEnded: timeBoth(capture.endedAt, zone),
        viewport: capture.viewport,
        pageSize: capture.pageSize,
        screenshotSize: capture.screenshotSize,
        userAgent: capture.userAgent,
        ...(capture.emulation ? { emulation: capture.emulation } : {}),
        browserVersion: capture.browserVersion,
        weiquanVersion: packageVersion(),
        mode: context.mode,
        ...(context.cookies ? { cookies: context.cookies } : {}),
        loginWall: capture.loginWall ?? null,
        warnings: capture.warnings,
        captionedCopyOf: SCREENSHOT_FILE,
        artifacts: artifacts.map((file) => ({ file: file.path.split('/').at(-1), role: file.role, sha256: file.sha256, size: file.size, mime: file.mime })),
      };
      await stageBuffer(staging, SIDECAR_FILE, `${JSON.stringify(sidecar, null, 2)}\n`);
      const sidecarFile = await describeStagedFile(staging, id, SIDECAR_FILE, 'sidecar', 'application/json');
      const files = [...artifacts, sidecarFile];
      const meta = {
        capture: {
          finalUrl: capture.finalUrl,
          httpStatus: capture.httpStatus ?? null,
          capturedAt: toZonedIso(capture.endedAt, zone),
          mode: context.mode,
          ...(capture.title !== '' ? { title: capture.title } : {}),
          // image pixels a page pixel (a phone's 3): documents print such a screenshot that much finer
          ...(capture.viewport.deviceScaleFactor !== 1 ? { scale: capture.viewport.deviceScaleFactor } : {}),
          ...(capture.loginWall ? { loginWall: capture.loginWall.reason } : {}),
          ...(warnings.length > 0 ? { warnings } : {}),
        },
      };
      const title =
        decisions.title ??
        (decisions.naming ? derivedEvidenceTitle({ kind: decisions.kind, files, meta, addedAt }, zone, decisions.naming) : capture.title !== '' ? capture.title : capture.finalUrl);
      return {
        id,
        kind: decisions.kind,
        title,
        source: capture.requestedUrl ?? capture.finalUrl,
        proves: decisions.proves,
        ...(decisions.note ? { note: decisions.note } : {}),
        addedAt,
        files,
        ...(decisions.againOf ? { againOf: decisions.againOf } : {}),
        meta,
      };
    },
  };
}
