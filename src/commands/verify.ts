import type { Context } from '../context.js';
import { CheckFailed } from '../errors.js';
import { type VerifyProblem, verifyCase } from '../evidence/verify.js';
import { type StampCheck, stampVerifyCheck } from '../stamp/verify-stamps.js';

function describe(context: Context, problem: VerifyProblem): string {
  const { t } = context;
  switch (problem.type) {
    case 'changed':
      return t('verify.problem.changed', { path: problem.path, id: problem.evidence, expected: problem.expected.slice(0, 16), actual: problem.actual.slice(0, 16) });
    case 'missing':
      return t('verify.problem.missing', { path: problem.path, id: problem.evidence });
    case 'unexpected':
      return t('verify.problem.unexpected', { path: problem.path });
    case 'outside':
      return t('verify.problem.outside', { path: problem.path, id: problem.evidence, problem: t(`casePath.${problem.problem}`) });
    case 'symlink':
      return t('verify.problem.symlink', { path: problem.path });
    case 'in-lock':
      return t('verify.problem.inLock', { path: problem.path });
    case 'empty-folder':
      return t('verify.problem.emptyFolder', { path: problem.path });
    case 'gap':
      return t('verify.problem.gap', { journalSeq: problem.journalSeq, snapshotSeq: problem.snapshotSeq, first: problem.journalSeq + 1 });
    case 'other':
      if (problem.code.startsWith('stamp.')) return problem.detail; // worded by the stamp check, path included
      return problem.path ? `${problem.path}: ${problem.detail}` : problem.detail;
    case 'staging-leftover':
      return t('verify.problem.staging', { path: problem.path });
    case 'journal':
      if (problem.problem === 'empty') return t('verify.problem.journalEmpty');
      return t('verify.problem.journal', { problem: problem.detail ? `${problem.problem} (${problem.detail})` : problem.problem, line: problem.line });
    case 'snapshot':
      return t('verify.problem.snapshot', { detail: problem.detail });
  }
}

/** One line per trusted timestamp: the attested time, who attests it, and what the chain covers. */
function stampSummary(context: Context, stamps: readonly StampCheck[]): string[] {
  const { t } = context;
  return stamps.map((stamp) => {
    if (!stamp.ok) return t('stamp.verify.bad', { id: stamp.id, tsa: stamp.tsa });
    const chain = stamp.chain === 'complete' ? t('stamp.chain.complete') : t('stamp.chain.partial', { issuer: stamp.chainEndsAt ?? '?' });
    return t('stamp.verify.ok', { id: stamp.id, time: stamp.time, signer: stamp.signer, serial: stamp.serial, seq: stamp.over, chain });
  });
}

export async function run(context: Context, reference: string): Promise<void> {
  const { t } = context;
  const store = await context.store();
  // A case whose case.json is damaged must still be verifiable: take an existing id as is.
  const byId = /^c\d+$/i.test(reference.trim()) ? `C${Number(reference.trim().slice(1))}` : undefined;
  const id = byId && (await store.ids()).includes(byId) ? byId : (await store.resolve(reference)).id;
  const stamps: StampCheck[] = [];
  const stampCheck = stampVerifyCheck(store, (problem) => t(`stamp.problem.${problem.problem}`, { path: problem.path, id: problem.stamp, detail: problem.detail }), stamps);
  const report = { ...(await verifyCase(store, id, [stampCheck])), stamps };
  const summary = { id, items: report.evidenceItems, files: report.filesChecked, entries: report.journalEntries };
  const stampLines = stampSummary(context, stamps);
  if (report.ok) {
    context.out.result(report, () => [t('verify.ok', summary), ...stampLines].join('\n'));
    return;
  }
  const lines = report.problems.map((problem) => describe(context, problem));
  if (!context.json) context.out.result(report, () => [...lines.map((line) => `✖ ${line}`), ...stampLines].join('\n'));
  // a case.json out of step with an intact journal can be rebuilt; anything else needs a backup
  const onlySnapshot = report.problems.every((problem) => problem.type === 'snapshot' || problem.type === 'staging-leftover');
  throw new CheckFailed('verify.failed', { id, count: report.problems.length, problems: context.json ? ` ${lines.join('; ')}` : '' }, onlySnapshot ? 'verify.hint.repair' : 'verify.hint', { id }).withDetails(report);
}
