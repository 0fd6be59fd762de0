import { randomUUID } from 'node:crypto';
import type { Data } from '../db/data.js';
import type { Lines } from '../directory/lines.js';
import type { CleanPhoto } from './process.js';

export class PhotoStore {
  constructor(
    /** Not `data`: that name is the photo bytes' method. */
    private readonly store: Data,
    private readonly lines: Lines,
  ) {}

  async save(ownerId: string, photo: CleanPhoto, now: number): Promise<string> {
    const id = randomUUID();
    await this.store
      .q()
      .insertInto('photos')
      .values({
        id,
        owner_id: ownerId,
        call_id: null,
        mime: 'image/jpeg',
        width: photo.width,
        height: photo.height,
        bytes: photo.data.length,
        data: photo.data,
        created_at: now,
      })
      .execute();
    return id;
  }

  /**
   * 'ok' | 'forbidden' | 'missing'. Unattached: its uploader only. Attached: the caller, the line's
   * covering specialists while the call waits, and the specialist who answered.
   */
  async access(photoId: string, userId: string): Promise<'ok' | 'forbidden' | 'missing'> {
    const row = await this.store
      .q()
      .selectFrom('photos as p')
      .leftJoin('calls as c', 'c.id', 'p.call_id')
      .select(['p.owner_id', 'p.call_id', 'c.state', 'c.line_id', 'c.caller_id', 'c.specialist_id'])
      .where('p.id', '=', photoId)
      .executeTakeFirst();
    if (!row) return 'missing';
    if (row.owner_id === userId) return 'ok';
    if (!row.call_id) return 'forbidden';
    if (row.caller_id === userId || row.specialist_id === userId) return 'ok';
    const waiting = row.state === 'queued' || row.state === 'ringing';
    if (waiting && row.line_id && (await this.lines.specialistIds(row.line_id)).includes(userId)) return 'ok';
    return 'forbidden';
  }

  async data(photoId: string): Promise<{ data: Buffer; mime: string } | null> {
    return (await this.store.q().selectFrom('photos').select(['data', 'mime']).where('id', '=', photoId).executeTakeFirst()) ?? null;
  }
}
