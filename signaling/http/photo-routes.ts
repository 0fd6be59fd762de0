import type { FastifyInstance } from 'fastify';
import type { Sessions } from '../auth/sessions.js';
import type { AuditLog } from '../audit.js';
import { Failure } from '../errors.js';
import type { PhotoStore } from '../photos/photo-store.js';
import { cleanPhoto } from '../photos/process.js';
import { API, Id, PHOTO_MAX_BYTES, PHOTO_TYPES, type PhotoUploaded } from '../protocol.js';
import { requireSession } from './bearer.js';

const MAX_MB = PHOTO_MAX_BYTES / (1024 * 1024);

/** The multipart parser's own errors (no boundary, body cut off) are bad input; its limit errors carry a status. */
function malformed(err: unknown): never {
  if (err instanceof Failure || (err as { statusCode?: unknown }).statusCode !== undefined) throw err;
  throw new Failure('bad_request', 'The upload is malformed or was cut off. Send the photo again as multipart/form-data.');
}

/** POST /api/photos (multipart field `photo`) and GET /api/photos/:id, both with a Bearer token. */
export function registerPhotoRoutes(app: FastifyInstance, deps: { sessions: Sessions; photos: PhotoStore; audit: AuditLog }): void {
  app.post(API.photos, async (req, reply) => {
    const session = await requireSession(req, deps.sessions);
    if (!req.isMultipart()) throw new Failure('unsupported_media', 'Send the photo as multipart/form-data in the field "photo".');
    const file = await req.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 4, parts: 5 } }).catch(malformed);
    if (!file || file.fieldname !== 'photo') {
      file?.file.resume(); // drain it, or the unread upload wedges this keep-alive connection
      throw new Failure('bad_request', 'No photo found: send it in the multipart field "photo".');
    }
    if (!(PHOTO_TYPES as readonly string[]).includes(file.mimetype)) {
      file.file.resume();
      throw new Failure('unsupported_media', `Only JPEG or PNG photos are accepted (got ${file.mimetype || 'an unknown type'}).`);
    }
    const tooLarge = () => new Failure('too_large', `The photo is larger than ${MAX_MB} MB. Take a smaller photo or crop it.`);
    let raw: Buffer;
    try {
      raw = await file.toBuffer();
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      return malformed(err);
    }
    // busboy marks a file cut at the size limit as truncated; never decode a partial upload.
    if (file.file.truncated || raw.length > PHOTO_MAX_BYTES) throw tooLarge();
    if (raw.length === 0) throw new Failure('bad_request', 'The photo file is empty.');
    const clean = await cleanPhoto(raw);
    const photoId = await deps.photos.save(session.userId, clean, Date.now());
    await deps.audit.write('photo.upload', session.userId, photoId, { bytes: clean.data.length });
    const body: PhotoUploaded = { photoId, width: clean.width, height: clean.height, bytes: clean.data.length };
    return reply.status(201).send(body);
  });

  app.get<{ Params: { id: string } }>(`${API.photos}/:id`, async (req, reply) => {
    const session = await requireSession(req, deps.sessions);
    const id = Id.safeParse(req.params.id);
    if (!id.success) throw new Failure('not_found', 'No such photo.');
    const access = await deps.photos.access(id.data, session.userId);
    if (access === 'missing') throw new Failure('not_found', 'No such photo.');
    if (access === 'forbidden') throw new Failure('forbidden', 'You cannot view this photo.');
    const photo = (await deps.photos.data(id.data))!;
    return reply
      .header('Content-Type', photo.mime)
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', 'inline')
      .send(photo.data);
  });
}
