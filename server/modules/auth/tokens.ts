import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie; only its hash is stored, so a database leak yields no live session. */
export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I, easy to read aloud and type

/** A short one-time code, e.g. "K7QM-4XPA", for pairing a device. */
export function newPairingCode(): string {
  const bytes = randomBytes(8);
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export const normalisePairingCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
