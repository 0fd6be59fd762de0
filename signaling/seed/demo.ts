import type { Data } from '../db/data.js';
import { hashPassword } from '../auth/passwords.js';
import type { HoursOfCover, ProfessionalGroup, Role } from '../protocol.js';
import { createLine, createOrganisation, insertUser, userCount } from './seed-api.js';

export const DEMO_PASSWORD = 'oncall-demo';

export const DEMO_ORGS = {
  acute: { id: 'org-acute', name: "St Thomas' Demo Acute NHS Trust", kind: 'acute_trust' },
  mentalHealth: { id: 'org-mh', name: 'South London Demo Mental Health NHS Trust', kind: 'mental_health_trust' },
  gp: { id: 'org-gp', name: 'Riverside Demo GP Practice', kind: 'gp_practice' },
} as const;

export const DEMO_LINES = {
  cardiology: 'line-cardiology',
  diabetes: 'line-diabetes',
  haematology: 'line-haematology',
  acuteMedicine: 'line-acute-medicine',
  paediatrics: 'line-paediatrics',
  vaccination: 'line-staff-vaccination',
} as const;

interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  group: ProfessionalGroup;
  org: string;
  /** What the demo sign-in list says about them. */
  note: string;
}

export const DEMO_USERS: DemoUser[] = [
  { id: 'u-dr-patel', username: 'dr.patel', displayName: 'Dr Priya Patel', role: 'specialist', group: 'consultant', org: 'org-acute', note: 'specialist, Cardiology' },
  { id: 'u-dr-shah', username: 'dr.shah', displayName: 'Dr Arjun Shah', role: 'specialist', group: 'specialty_doctor', org: 'org-acute', note: 'specialist, Cardiology' },
  { id: 'u-dr-lindqvist', username: 'dr.lindqvist', displayName: 'Dr Karin Lindqvist', role: 'specialist', group: 'consultant', org: 'org-acute', note: 'specialist, Haematology' },
  { id: 'u-dr-murphy', username: 'dr.murphy', displayName: 'Dr Siobhan Murphy', role: 'specialist', group: 'consultant', org: 'org-acute', note: 'specialist, Diabetes & Endocrinology' },
  { id: 'u-dr-chen', username: 'dr.chen', displayName: 'Dr Wei Chen', role: 'specialist', group: 'consultant', org: 'org-acute', note: 'specialist, Acute Medicine' },
  { id: 'u-dr-adeyemi', username: 'dr.adeyemi', displayName: 'Dr Tolu Adeyemi', role: 'specialist', group: 'consultant', org: 'org-acute', note: 'specialist, Paediatrics' },
  { id: 'u-nurse-hughes', username: 'nurse.hughes', displayName: 'Gareth Hughes, Occupational Health Nurse', role: 'specialist', group: 'nurse', org: 'org-mh', note: 'specialist, Staff Vaccination Advice (internal)' },
  { id: 'u-dr-wright', username: 'dr.wright', displayName: 'Dr Emma Wright', role: 'caller', group: 'resident_doctor', org: 'org-mh', note: 'caller, resident doctor, mental-health trust' },
  { id: 'u-nurse-ali', username: 'nurse.ali', displayName: 'Samira Ali, Ward Nurse', role: 'caller', group: 'nurse', org: 'org-mh', note: 'caller, nurse, mental-health trust' },
  { id: 'u-gp-evans', username: 'gp.evans', displayName: 'Dr Rhys Evans', role: 'caller', group: 'gp', org: 'org-gp', note: 'caller, GP, GP practice' },
  { id: 'u-admin', username: 'admin', displayName: 'OnCall Administrator', role: 'admin', group: 'other', org: 'org-acute', note: 'admin' },
];

const weekdays = (start: string, end: string): HoursOfCover => ({ kind: 'weekly', days: [1, 2, 3, 4, 5], start, end, timeZone: 'Europe/London' });
const PUBLIC_CALLERS = [DEMO_ORGS.mentalHealth.id, DEMO_ORGS.gp.id];

/** Seeds the demo organisation into an empty database. Returns false (and changes nothing) when users exist. */
export async function seedDemo(data: Data): Promise<boolean> {
  if ((await userCount(data)) > 0) return false;
  // One scrypt hash per user, computed in parallel on libuv's pool.
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  const users = DEMO_USERS.map((u, i) => ({ u, hash: hashes[i]! }));
  try {
    return await data.transaction(async () => {
      // Re-checked in the transaction: another server process on the same PostgreSQL database may have seeded meanwhile.
      if ((await userCount(data)) > 0) return false;
      await seedDemoRows(data, users);
      return true;
    });
  } catch (err) {
    // Two processes starting together: the one whose inserts collided finds the other's seed.
    if ((await userCount(data)) > 0) return false;
    throw err;
  }
}

async function seedDemoRows(data: Data, users: { u: DemoUser; hash: string }[]): Promise<void> {
  for (const org of Object.values(DEMO_ORGS)) await createOrganisation(data, org);
  for (const { u, hash } of users) {
    await insertUser(data, {
      id: u.id, username: u.username, displayName: u.displayName, role: u.role,
      professionalGroup: u.group, organisationId: u.org, passwordHash: hash,
    });
  }
  await createLine(data, {
    id: DEMO_LINES.cardiology, name: 'Cardiology', specialty: 'Cardiology', providerOrgId: DEMO_ORGS.acute.id,
    hours: weekdays('08:00', '20:00'), callerOrgIds: PUBLIC_CALLERS, specialistIds: ['u-dr-patel', 'u-dr-shah'],
    topics: ['ECG interpretation', 'Chest pain', 'Anticoagulation', 'Heart failure', 'Palpitations', 'QT prolongation and psychotropics'],
  });
  await createLine(data, {
    id: DEMO_LINES.diabetes, name: 'Diabetes & Endocrinology', specialty: 'Diabetes & Endocrinology', providerOrgId: DEMO_ORGS.acute.id,
    hours: weekdays('09:00', '17:00'), callerOrgIds: PUBLIC_CALLERS, specialistIds: ['u-dr-murphy'],
    topics: ['Hyperglycaemia', 'Hypoglycaemia', 'Insulin adjustment', 'Thyroid function', 'Antipsychotic-related metabolic effects'],
  });
  await createLine(data, {
    id: DEMO_LINES.haematology, name: 'Haematology', specialty: 'Haematology', providerOrgId: DEMO_ORGS.acute.id,
    hours: weekdays('09:00', '17:00'), callerOrgIds: PUBLIC_CALLERS, specialistIds: ['u-dr-lindqvist'],
    topics: ['Clozapine and neutropenia', 'Anaemia', 'Abnormal full blood count', 'Anticoagulation', 'Bleeding risk'],
  });
  await createLine(data, {
    id: DEMO_LINES.acuteMedicine, name: 'Acute Medicine', specialty: 'Acute Medicine', providerOrgId: DEMO_ORGS.acute.id,
    hours: { kind: 'always' }, maxWaitSec: 240, callerOrgIds: PUBLIC_CALLERS, specialistIds: ['u-dr-chen'],
    topics: ['Deteriorating patient', 'Sepsis', 'Electrolyte disturbance', 'Falls', 'Delirium'],
  });
  await createLine(data, {
    id: DEMO_LINES.paediatrics, name: 'Paediatrics', specialty: 'Paediatrics', providerOrgId: DEMO_ORGS.acute.id,
    hours: { kind: 'always' }, callerOrgIds: PUBLIC_CALLERS, specialistIds: ['u-dr-adeyemi'],
    topics: ['Febrile child', 'Rash', 'Feeding and weight', 'Medication dosing', 'Safeguarding concerns'],
  });
  await createLine(data, {
    id: DEMO_LINES.vaccination, name: 'Staff Vaccination Advice', specialty: 'Occupational Health', providerOrgId: DEMO_ORGS.mentalHealth.id,
    internal: true, hours: weekdays('08:00', '18:00'), maxWaitSec: 600, specialistIds: ['u-nurse-hughes'],
    topics: ['Flu vaccine', 'COVID-19 vaccine', 'Hepatitis B', 'Needlestick injury', 'Contraindications'],
  });
}

/** The lines main.ts prints after seeding. */
export function demoSignInLines(webUrl: string): string[] {
  return [
    `OnCall demo organisation seeded. Open ${webUrl} and sign in with any of these (password "${DEMO_PASSWORD}"):`,
    ...DEMO_USERS.map((u) => `  ${u.username.padEnd(14)} ${u.note}`),
  ];
}
