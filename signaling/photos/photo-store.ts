import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Lines } from '../directory/lines.js';
import type { CleanPhoto } from './process.js';

interface PhotoAccessRow {
  owner_id: string;
  call_id: string | null;
  state: string | null;
  line_id: string | null;
  caller_id: string | null;
  specialist_id: string | null;
}

export class PhotoStore {
  private readonly insertStmt;
  private readonly accessStmt;
  private readonly dataStmt;

  constructor(
    db: Db,
    private readonly lines: Lines,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO photos (id, owner_id, call_id, mime, width, height, bytes, data, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)',
    );
    this.accessStmt = db.prepare(
      `SELECT p.owner_id, p.call_id, c.state, c.line_id, c.caller_id, c.specialist_id
       FROM photos p LEFT JOIN calls c ON c.id = p.call_id WHERE p.id = ?`,
    );
    this.dataStmt = db.prepare('SELECT data, mime FROM photos WHERE id = ?');
  }

  save(ownerId: string, photo: CleanPhoto, now: number): string {
    const id = randomUUID();
    this.insertStmt.run(id, ownerId, 'image/jpeg', photo.width, photo.height, photo.data.length, photo.data, now);
    return id;
  }

  /**
   * 'ok' | 'forbidden' | 'missing'. Unattached: its uploader only. Attached: the caller, the line's
   * covering specialists while the call waits, and the specialist who answered.
   */
  access(photoId: string, userId: string): 'ok' | 'forbidden' | 'missing' {
    const row = this.accessStmt.get(photoId) as PhotoAccessRow | undefined;
    if (!row) return 'missing';
    if (row.owner_id === userId) return 'ok';
    if (!row.call_id) return 'forbidden';
    if (row.caller_id === userId || row.specialist_id === userId) return 'ok';
    const waiting = row.state === 'queued' || row.state === 'ringing';
    if (waiting && row.line_id && this.lines.specialistIds(row.line_id).includes(userId)) return 'ok';
    return 'forbidden';
  }

  data(photoId: string): { data: Buffer; mime: string } | null {
    return (this.dataStmt.get(photoId) as { data: Buffer; mime: string } | undefined) ?? null;
  }
}
