import type { CaseEvent } from '../../core/case-events.js';
import type { Case, EvidenceItem, EvidenceKind } from '../../core/case-model.js';
import { diffFields } from '../../core/case-events.js';
import type { ProposedFact } from '../../core/site-inspection.js';
import type { CaseStore } from '../../store/case-store.js';
import { fileEvidence } from '../staging.js';
import type { NameTranslate } from '../naming.js';
import { type CaptionText, pendingCapture, stageCapture } from './capture-evidence.js';
import type { SiteVisit } from './read-site.js';

/** A page `inspect` read, with what it is filed as. */
export type VisitToFile = { visit: SiteVisit; kind: EvidenceKind; proves: string };

/**
 * File the pages `inspect` read as evidence, exactly as `capture` files a page: screenshot, MHTML, captioned
 * copy and sidecar in evidence/E<k>/, one `evidence.added` each, named like a capture (`naming`: the stored wording's
 * translator). Nothing is filed if any of it fails.
 */
export async function fileVisits(store: CaseStore, caseId: string, now: () => Date, visits: VisitToFile[], caption: CaptionText, naming: NameTranslate): Promise<EvidenceItem[]> {
  const caseDir = store.caseDir(caseId);
  const pending = [];
  try {
    for (const { visit, kind, proves } of visits) {
      const staging = await stageCapture(caseDir, visit.capture);
      pending.push(pendingCapture(staging, visit.capture, { mode: 'headless' }, { kind, proves, naming }, caption));
    }
  } catch (error) {
    for (const entry of pending) await entry.staging.remove();
    throw error;
  }
  const { items } = await fileEvidence(store, caseId, now, pending);
  return items;
}

/** The evidence item a page became: matched by the address the page was read at. */
function evidenceFor(items: EvidenceItem[], url: string): string | undefined {
  return items.find((item) => (item.meta.capture as { finalUrl?: string } | undefined)?.finalUrl === url || item.source === url)?.id;
}

/**
 * Record the facts the user accepted, in one journaled change: the fields (`case.edited`) and, for a promise
 * found in an agreement, where it is written (`promise.sourced`: document, clause, the sentence, its evidence).
 */
export async function applyInspection(store: CaseStore, caseId: string, now: () => Date, chosen: ProposedFact[], filed: EvidenceItem[]): Promise<Case> {
  return store.mutate(caseId, now, (current) => {
    const proposed: Record<string, string> = {};
    for (const fact of chosen) proposed[fact.field] = fact.value;
    const changes = diffFields(current, proposed);
    const events: CaseEvent[] = Object.keys(changes).length > 0 ? [{ type: 'case.edited', data: { changes } }] : [];
    const promise = chosen.find((fact) => fact.field === 'order.promise');
    if (promise) {
      const evidence = evidenceFor(filed, promise.source.page);
      events.push({
        type: 'promise.sourced',
        data: {
          ...(promise.source.document ? { document: promise.source.document } : {}),
          ...(promise.source.clause ? { clause: promise.source.clause } : {}),
          quote: promise.source.value,
          url: promise.source.page,
          ...(evidence ? { evidence } : {}),
        },
      });
    }
    return events;
  });
}
