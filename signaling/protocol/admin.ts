import { z } from 'zod';
import { Id, Role } from './common.js';
import { OrganisationKind, ProfessionalGroup } from './directory.js';
import type { UserPublic } from './directory.js';

/**
 * Administration (admin only), under /api/admin. Bodies are validated with these schemas (and
 * LineConfig for lines); bad input answers 400 bad_request with the issues and changes nothing.
 * Every change is written to audit_log and announced to connected clients (`directory:changed`).
 */
export const ADMIN_ROUTES = [
  { method: 'GET', path: '/api/admin/lines' }, // → Line[] (inactive ones too)
  { method: 'POST', path: '/api/admin/lines' }, // LineConfig → Line
  { method: 'PUT', path: '/api/admin/lines/:id' }, // LineConfig → Line (replaces the whole config)
  { method: 'GET', path: '/api/admin/users' }, // → AdminUser[]
  { method: 'POST', path: '/api/admin/users' }, // UserCreateInput → UserCreated
  { method: 'PATCH', path: '/api/admin/users/:id' }, // UserUpdateInput → AdminUser
  { method: 'GET', path: '/api/admin/organisations' }, // → Organisation[]
  { method: 'POST', path: '/api/admin/organisations' }, // OrganisationInput → Organisation
] as const;

export const REPORT_ROUTES = [
  { method: 'GET', path: '/api/reports' }, // ?ReportQuery → ReportResponse
  { method: 'GET', path: '/api/reports/:table.csv' }, // ?ReportQuery → text/csv
] as const;

export const PASSWORD_MIN = 10;
export const Username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'username: letters, digits and . _ @ - only');

export const UserCreateInput = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(120),
  role: Role,
  professionalGroup: ProfessionalGroup,
  organisationId: Id,
  /** `password`: the admin sets it; `invite`: the server makes a one-time password, shown once in the reply. */
  credential: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('password'), password: z.string().min(PASSWORD_MIN).max(256) }),
    z.strictObject({ kind: z.literal('invite') }),
  ]),
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;

/** Deactivating (active: false) ends the user's sessions at once. */
export const UserUpdateInput = z
  .strictObject({
    displayName: z.string().trim().min(1).max(120).optional(),
    role: Role.optional(),
    professionalGroup: ProfessionalGroup.optional(),
    organisationId: Id.optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), 'nothing to change');
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

export const OrganisationInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: OrganisationKind,
});
export type OrganisationInput = z.infer<typeof OrganisationInput>;

export interface AdminUser extends UserPublic {
  active: boolean;
  createdAt: number;
  /** Lines this user covers as a specialist. */
  lineIds: string[];
}

export interface UserCreated {
  user: AdminUser;
  /** Only for invites: shown once, never stored in clear. */
  oneTimePassword: string | null;
}
