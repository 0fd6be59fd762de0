import { randomInt } from 'node:crypto';

/** No look-alikes (0/O, 1/l/I), so it can be read out over the phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An invite password: 4 groups of 4 (~90 bits), e.g. "k7Qm-2xPa-…". Shown once, stored only hashed. */
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}
