import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit.js';
import type { Sessions } from '../auth/sessions.js';
import type { Data } from '../db/data.js';
import type { Lines } from '../directory/lines.js';
import { Failure } from '../errors.js';
import { API, Id, LineConfig, OrganisationInput, UserCreateInput, UserUpdateInput } from '../protocol.js';
import type { Users } from '../users.js';
import { LineAdmin } from './line-admin.js';
import type { LiveUpdates } from './live-updates.js';
import { OrganisationAdmin } from './organisation-admin.js';
import { parseOr400, requireAdmin } from './require-admin.js';
import { UserAdmin } from './user-admin.js';

export interface AdminRouteDeps {
  data: Data;
  sessions: Sessions;
  users: Users;
  lines: Lines;
  audit: AuditLog;
  live: LiveUpdates;
}

const idParam = (params: unknown): string => parseOr400(Id, (params as { id?: unknown }).id, 'id');

/** /api/admin: lines, users, organisations (see ADMIN_ROUTES). Admins only; every write validated, audited and pushed live. */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  const lines = new LineAdmin(deps.data, deps.lines, deps.audit);
  const users = new UserAdmin(deps.data, deps.audit);
  const orgs = new OrganisationAdmin(deps.data, deps.audit);
  const base = API.admin;

  app.get(`${base}/lines`, async (req) => {
    await requireAdmin(req, deps);
    return lines.list();
  });
  app.post(`${base}/lines`, async (req, reply) => {
    const { userId } = await requireAdmin(req, deps);
    const line = await lines.create(userId, parseOr400(LineConfig, req.body, 'line'));
    await deps.live.linesChanged([line.id], line.specialistIds);
    return reply.status(201).send(line);
  });
  app.put(`${base}/lines/:id`, async (req) => {
    const { userId } = await requireAdmin(req, deps);
    const id = idParam(req.params);
    const { line, movedSpecialists } = await lines.update(userId, id, parseOr400(LineConfig, req.body, 'line'));
    await deps.live.linesChanged([line.id], movedSpecialists);
    return line;
  });

  app.get(`${base}/users`, async (req) => {
    await requireAdmin(req, deps);
    return users.list();
  });
  app.post(`${base}/users`, async (req, reply) => {
    const { userId } = await requireAdmin(req, deps);
    const created = await users.create(userId, parseOr400(UserCreateInput, req.body, 'user'));
    deps.live.directoryChanged();
    return reply.status(201).header('cache-control', 'no-store').send(created);
  });
  app.patch(`${base}/users/:id`, async (req) => {
    const { userId } = await requireAdmin(req, deps);
    const id = idParam(req.params);
    const effect = await users.update(userId, id, parseOr400(UserUpdateInput, req.body, 'user change'));
    if (effect.endedSessionIds.length > 0) {
      await deps.live.sessionsEnded(id, effect.endedSessionIds, effect.user.active ? 'signed_out' : 'deactivated');
    }
    if (effect.coverChanged) await deps.live.linesChanged(effect.removedFromLines, [id]);
    else deps.live.directoryChanged();
    return effect.user;
  });

  app.get(`${base}/organisations`, async (req) => {
    await requireAdmin(req, deps);
    return orgs.list();
  });
  app.post(`${base}/organisations`, async (req, reply) => {
    const { userId } = await requireAdmin(req, deps);
    const org = await orgs.create(userId, parseOr400(OrganisationInput, req.body, 'organisation'));
    deps.live.directoryChanged();
    return reply.status(201).send(org);
  });

  // Anything else under /api/admin is a clean 404 (after the admin check, so non-admins learn nothing).
  app.all(`${base}/*`, async (req) => {
    await requireAdmin(req, deps);
    throw new Failure('not_found', 'No such admin endpoint.');
  });
}
