import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id with OWASP's recommended cost (m=19 MiB, t=2, p=1).
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the user does not exist keeps the response time the
// same, so timing does not reveal which usernames exist.
const DUMMY_HASH = hash('balcao-timing-equaliser');
export async function burnVerifyTime(password: string): Promise<void> {
  await verifyPassword(await DUMMY_HASH, password);
}

export const MIN_PASSWORD_LENGTH = 10;
