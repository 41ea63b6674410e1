/** Password hashing with node:crypto scrypt (salted, constant-time comparison). */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const KEY_LENGTH = 32
const COST = 16384

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: cost, r: 8, p: 1 }, (err, key) => err ? reject(err) : resolve(key)))
}

/** Hashes a password as `scrypt$N$salt$key` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST)
  return `scrypt$${COST}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/** Whether `password` matches a hash made by `hashPassword`. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, salt, key] = stored.split('$')
  // a closed account (accounts.ts) or an unreadable hash matches nothing, and takes as long to say so
  if (scheme !== 'scrypt' || !cost || !salt || !key) { await derive(password, Buffer.alloc(16), COST); return false }
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(cost))
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
