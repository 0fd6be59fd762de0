import { hashPassword } from '../../signaling/auth/passwords.js';
import { DEMO_PASSWORD } from '../../signaling/seed/demo.js';
import { addLineSpecialist, insertUser, updateLineRouting } from '../../signaling/seed/seed-api.js';
import { withTestData, type TestStore } from './test-store.js';

export { openTestData, withTestData } from './test-store.js';

/** Creates `count` specialists (password oncall-demo) covering `lineId`; returns their usernames. */
export async function addSpecialists(store: TestStore, lineId: string, count: number, prefix = 'extra'): Promise<string[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return withTestData(store, (data) =>
    data.transaction(async () => {
      const names: string[] = [];
      for (let i = 1; i <= count; i++) {
        const username = `${prefix}.${i}`;
        const id = `u-${prefix}-${i}`;
        await insertUser(data, { id, username, displayName: `Dr ${prefix} ${i}`, role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-acute', passwordHash: hash });
        await addLineSpecialist(data, lineId, id);
        names.push(username);
      }
      return names;
    }),
  );
}

export function setLineRouting(store: TestStore, lineId: string, patch: Parameters<typeof updateLineRouting>[2]): Promise<void> {
  return withTestData(store, (data) => updateLineRouting(data, lineId, patch));
}
