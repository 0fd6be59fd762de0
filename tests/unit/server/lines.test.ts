import { beforeEach, expect, it } from 'vitest';
import type { Data } from '../../../signaling/db/data.js';
import { Lines } from '../../../signaling/directory/lines.js';
import { addLineSpecialist, createLine, createOrganisation, insertUser } from '../../../signaling/seed/seed-api.js';
import { tempDataForEach } from '../../support/temp-db.js';

const t = tempDataForEach('oncall-lines-');
let data: Data;
let lines: Lines;
beforeEach(async () => {
  data = t.data;
  await createOrganisation(data, { id: 'org-a', name: 'Acute Trust', kind: 'acute' });
  await createOrganisation(data, { id: 'org-b', name: 'Practice', kind: 'gp' });
  for (const id of ['u-1', 'u-2']) {
    await insertUser(data, { id, username: id, displayName: id, role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-a', passwordHash: 'x' });
  }
  await createLine(data, { id: 'line-1', name: 'Cardiology', specialty: 'cardiology', providerOrgId: 'org-a', callerOrgIds: ['org-b'], specialistIds: ['u-1'] });
  await createLine(data, { id: 'line-2', name: 'Acute Medicine', specialty: 'acute', providerOrgId: 'org-a', callerOrgIds: [], specialistIds: ['u-1'] });
  lines = new Lines(data);
});

it('reads lines as they are now: cover, callers and the list in name order', async () => {
  expect((await lines.list()).map((l) => l.id)).toEqual(['line-2', 'line-1']);
  expect(await lines.get('line-1')).toMatchObject({ name: 'Cardiology', callerOrgIds: ['org-b'], specialistIds: ['u-1'], active: true });
  expect(await lines.coveredBy('u-1')).toEqual(['line-2', 'line-1']);
  expect(await lines.callableBy('org-b')).toEqual(['line-1']);
  expect([await lines.canCall('org-b', 'line-1'), await lines.canCall('org-b', 'line-2'), await lines.canCall('org-a', 'line-2')]).toEqual([true, false, true]);
  await addLineSpecialist(data, 'line-1', 'u-2');
  expect(await lines.specialistIds('line-1')).toEqual(['u-1', 'u-2']);
  expect(await lines.get('no-such-line')).toBeNull();
});

it('keeps a switched-off line covered only while calls still wait on it', async () => {
  await data.q().updateTable('lines').set({ active: 0 }).where('id', '=', 'line-1').execute();
  expect(await lines.coveredBy('u-1')).toEqual(['line-2']);
  expect(await lines.callableBy('org-b')).toEqual([]);
  await insertUser(data, { id: 'u-gp', username: 'gp', displayName: 'GP', role: 'caller', professionalGroup: 'gp', organisationId: 'org-b', passwordHash: 'x' });
  await data
    .q()
    .insertInto('calls')
    .values({
      id: 'c-1', request_id: 'r-1', line_id: 'line-1', caller_id: 'u-gp', state: 'queued', urgency: 'soon', question: 'q',
      age_band: 'adult_18_64', care_setting: 'primary_care', created_at: 1,
    })
    .execute();
  expect(await lines.coveredBy('u-1')).toEqual(['line-2', 'line-1']);
});

it('a view reads each line once for its pass', async () => {
  const view = lines.view();
  const first = await view.get('line-1');
  await data.q().updateTable('lines').set({ name: 'Renamed' }).where('id', '=', 'line-1').execute();
  expect(await view.get('line-1')).toBe(first);
  expect((await lines.get('line-1'))?.name).toBe('Renamed');
});
