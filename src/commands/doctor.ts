import type { Context } from '../context.js';
import { type Check, runChecks } from '../environment/doctor-checks.js';
import { CheckFailed } from '../errors.js';

/** doctor [--json]: what this machine has for weiquan, each finding with its fix. Exit 1 when a check fails. */
export async function run(context: Context): Promise<void> {
  const { t } = context;
  const checks = await runChecks({
    env: context.env,
    home: context.locations.home,
    configDir: context.locations.configDir,
    settings: context.config,
    now: context.now(),
    nodeVersion: process.version,
    platform: process.platform,
  });
  const report = {
    ok: checks.every((check) => check.status !== 'fail'),
    checks: checks.map((check) => ({
      id: check.id,
      status: check.status,
      message: t(check.key, check.params),
      ...(check.fixKey ? { fix: t(check.fixKey, check.fixParams) } : {}),
      ...check.facts,
    })),
  };
  const mark = { ok: '✔', warn: '!', fail: '✖' } as const;
  const human = () =>
    checks
      .map((check: Check) => {
        const line = `${mark[check.status]} ${t(`doctor.label.${check.id}`)}: ${t(check.key, check.params)}`;
        return check.fixKey ? `${line}\n    → ${t(check.fixKey, check.fixParams)}` : line;
      })
      .join('\n');
  if (report.ok) {
    context.out.result(report, human);
    return;
  }
  if (!context.json) context.out.result(report, human);
  const failed = checks.filter((check) => check.status === 'fail').map((check) => t(`doctor.label.${check.id}`));
  throw new CheckFailed('doctor.failed', { list: failed.join(', ') }).withDetails(report);
}
