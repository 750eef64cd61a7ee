import { randomBytes, randomUUID } from 'node:crypto'

/**
 * Braze ids are 24-hex-character, ObjectId-like strings (braze-docs user_profile_lifecycle.md);
 * the first 8 digits are the creation second, taken from the fake's clock when the caller has one.
 */
export function newBrazeId (nowMs: number = Date.now()): string {
  const time = Math.floor(nowMs / 1000).toString(16).padStart(8, '0')
  return time + randomBytes(8).toString('hex')
}

/** Workspace ids, data import keys and REST API keys are UUIDs, as in the Braze dashboard. */
export function newKey (): string {
  return randomUUID()
}

/** Export's random_bucket: a number 0–9999 fixed at profile creation. */
export function randomBucket (): number {
  return Math.floor(Math.random() * 10000)
}
