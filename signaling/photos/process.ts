import sharp from 'sharp';
import { Failure } from '../errors.js';

/** Longest side kept: plenty for an ECG trace or a rash, bounded storage. */
const MAX_SIDE = 2560;
const MAX_INPUT_PIXELS = 50_000_000;

export interface CleanPhoto {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Decodes a JPEG or PNG and re-encodes it as JPEG: turned upright by its EXIF orientation first,
 * then written without any metadata (EXIF, GPS, ICC, XMP, comments are all dropped).
 */
export async function cleanPhoto(input: Buffer): Promise<CleanPhoto> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw new Failure('unsupported_media', 'The file is not a readable image. Upload a JPEG or PNG photo.');
  }
  if (format !== 'jpeg' && format !== 'png') {
    throw new Failure('unsupported_media', `Only JPEG or PNG photos are accepted (this file is ${format ?? 'not an image'}).`);
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw new Failure('unsupported_media', 'The image could not be decoded. Upload a JPEG or PNG photo.');
  }
}
