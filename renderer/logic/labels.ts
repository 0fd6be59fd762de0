import type { PresenceStatus, ProfessionalGroup, Urgency } from '../../signaling/protocol.js';

export const PROFESSIONAL_GROUP: Record<ProfessionalGroup, string> = {
  consultant: 'Consultant',
  specialty_doctor: 'Specialty doctor',
  resident_doctor: 'Resident doctor',
  gp: 'GP',
  nurse: 'Nurse',
  nurse_practitioner: 'Nurse practitioner',
  pharmacist: 'Pharmacist',
  paramedic: 'Paramedic',
  allied_health: 'Allied health professional',
  other: 'Other',
};

export const URGENCY: Record<Urgency, string> = { urgent: 'Urgent', soon: 'Soon', routine: 'Routine' };

export const AGE_BAND = {
  child: 'Child (under 18)',
  adult_18_64: 'Adult 18–64',
  older_65_plus: 'Older adult 65+',
  unknown: 'Age not known',
} as const;

export const CARE_SETTING = {
  mental_health_inpatient: 'Mental health inpatient ward',
  mental_health_community: 'Mental health community team',
  primary_care: 'Primary care / GP practice',
  care_home: 'Care home',
  community_nursing: 'Community nursing',
  acute_ward: 'Acute hospital ward',
  other: 'Other setting',
} as const;

export const PRESENCE: Record<PresenceStatus, string> = {
  offline: 'Offline',
  available: 'Available',
  away: 'Away',
  busy: 'In a call',
  wrap_up: 'Wrap-up',
};
