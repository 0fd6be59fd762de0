import { z } from 'zod';
import type { UserPublic } from './directory.js';

/** HTTP API. Authenticated routes take `Authorization: Bearer <token>`. Errors answer HttpErrorBody. */
export const API = {
  signIn: '/api/auth/signin', // POST SignInInput → SignInResponse
  signOut: '/api/auth/signout', // POST → 204
  me: '/api/me', // GET → UserPublic
  photos: '/api/photos', // POST multipart (field "photo") → PhotoUploaded; GET /api/photos/:id → image/jpeg
  health: '/api/health', // GET → { ok: true, engine: this process runs the call engine }
  reports: '/api/reports', // admin
  admin: '/api/admin', // admin
} as const;

export const SignInInput = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type SignInInput = z.infer<typeof SignInInput>;

export interface SignInResponse {
  token: string;
  expiresAt: number;
  user: UserPublic;
}

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

export interface PhotoUploaded {
  photoId: string;
  width: number;
  height: number;
  bytes: number;
}
