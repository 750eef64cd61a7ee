import { randomBytes, randomUUID } from 'node:crypto'

/** ObjectId's middle 5 bytes: random once per process (https://www.mongodb.com/docs/manual/reference/method/ObjectId/). */
const PROCESS_PART = randomBytes(5).toString('hex')
let counter = randomBytes(3).readUIntBE(0, 3)

/**
 * braze_ids are MongoDB ObjectIds [inferred: braze-docs says only that Braze assigns the id
 * (user_profile_lifecycle.md); its examples, e.g. "63497b3ca3eabd0053380451", have ObjectId's
 * shape and time prefix]: 4 bytes of creation second (from the fake's clock when the caller has
 * one), 5 bytes random per process, 3 bytes of an incrementing counter. Ids made by one process
 * therefore sort in creation order, so the unique braze_id index grows at its end and a
 * workspace's users sit on neighbouring index pages, which cut the cost of deleting a workspace
 * by a quarter (BENCHMARKS.md).
 */
export function newBrazeId (nowMs: number = Date.now()): string {
  // ObjectId's 4-byte second wraps as MongoDB's does (after 2106, and before 1970 for a clock set back),
  // so an id always has 24 hex digits whatever the fake's clock says.
  const time = (Math.floor(nowMs / 1000) >>> 0).toString(16).padStart(8, '0')
  counter = (counter + 1) & 0xffffff
  return time + PROCESS_PART + counter.toString(16).padStart(6, '0')
}

/** Workspace ids, data import keys and REST API keys are UUIDs, as in the Braze dashboard. */
export function newKey (): string {
  return randomUUID()
}

/** Export's random_bucket: a number 0–9999 fixed at profile creation. */
export function randomBucket (): number {
  return Math.floor(Math.random() * 10000)
}
