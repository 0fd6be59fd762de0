import type { Data } from '../db/data.js';
import { Failure } from '../errors.js';
import type { LineConfig } from '../protocol.js';

type Issue = { path: string; message: string };

function duplicates(values: readonly string[], norm: (v: string) => string = (v) => v): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const k = norm(v);
    if (seen.has(k)) out.push(i);
    seen.add(k);
  });
  return out;
}

/**
 * What LineConfig's schema cannot know: the organisations and specialists exist, nothing is listed
 * twice, and an internal line is neither opened to nor covered by other organisations. Throws bad_request with issues.
 */
export async function checkLineConfig(data: Data, cfg: LineConfig): Promise<void> {
  const issues: Issue[] = [];
  const orgExists = async (id: string) => (await data.q().selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  const userRole = (id: string) => data.q().selectFrom('users').select(['role', 'active', 'organisation_id']).where('id', '=', id).executeTakeFirst();

  if (!(await orgExists(cfg.providerOrgId))) issues.push({ path: 'providerOrgId', message: 'no such organisation' });
  for (const [i, id] of cfg.callerOrgIds.entries()) {
    if (!(await orgExists(id))) issues.push({ path: `callerOrgIds.${i}`, message: `no such organisation: ${id}` });
  }
  // Internal lines: callerOrgIds may be [] or [providerOrgId] (either way only the provider's staff
  // may call it: see Lines.callableBy); every specialist must belong to the provider too.
  if (cfg.internal && cfg.callerOrgIds.some((id) => id !== cfg.providerOrgId)) {
    issues.push({ path: 'callerOrgIds', message: "an internal line is only for its own organisation's staff: list no caller organisation other than the provider" });
  }
  for (const [i, id] of cfg.specialistIds.entries()) {
    const u = await userRole(id);
    if (!u) issues.push({ path: `specialistIds.${i}`, message: `no such user: ${id}` });
    else if (u.role !== 'specialist') issues.push({ path: `specialistIds.${i}`, message: `${id} is not a specialist` });
    else if (u.active !== 1) issues.push({ path: `specialistIds.${i}`, message: `${id} is deactivated` });
    else if (cfg.internal && u.organisation_id !== cfg.providerOrgId) {
      issues.push({ path: `specialistIds.${i}`, message: `${id} belongs to another organisation: an internal line is covered by its own organisation's staff` });
    }
  }
  for (const i of duplicates(cfg.callerOrgIds)) issues.push({ path: `callerOrgIds.${i}`, message: 'listed twice' });
  for (const i of duplicates(cfg.specialistIds)) issues.push({ path: `specialistIds.${i}`, message: 'listed twice' });
  for (const i of duplicates(cfg.adviceOutcomes.map((o) => o.code))) issues.push({ path: `adviceOutcomes.${i}.code`, message: 'code listed twice' });
  for (const i of duplicates(cfg.patientOutcomes.map((o) => o.code))) issues.push({ path: `patientOutcomes.${i}.code`, message: 'code listed twice' });
  for (const i of duplicates(cfg.topics, (t) => t.toLowerCase())) issues.push({ path: `topics.${i}`, message: 'topic listed twice' });
  if (cfg.hours.kind === 'weekly') {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: cfg.hours.timeZone });
    } catch {
      issues.push({ path: 'hours.timeZone', message: 'unknown time zone' });
    }
    for (const i of duplicates(cfg.hours.days.map(String))) issues.push({ path: `hours.days.${i}`, message: 'day listed twice' });
  }
  if (issues.length) throw new Failure('bad_request', 'The line configuration is not valid.', issues);
}
