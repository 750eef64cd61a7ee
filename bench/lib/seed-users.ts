/** The seeding benchmarks' users (bench/seeding.bench.ts, bench/floors-seeding.bench.ts). */
import type { SeedUser } from '../../src/domain/users/user-service.js'

/** The i-th seeded user: what a test typically gives (id, email, a few fields), some with a device id or an alias. */
export function seedUser (prefix: string, i: number): SeedUser {
  return {
    external_id: `${prefix}-${i}`,
    email: `${prefix}-${i}@example.com`,
    profile: { first_name: `First${i % 1000}`, country: i % 3 === 0 ? 'US' : 'DE' },
    custom_attributes: { plan: i % 2 === 0 ? 'pro' : 'free', visits: i % 50 },
    email_subscribe: i % 4 === 0 ? 'opted_in' : 'subscribed',
    ...(i % 4 === 0 && { device_ids: [`${prefix}-device-${i}`] }),
    ...(i % 5 === 0 && { aliases: [{ alias_name: `${prefix}-alias-${i}`, alias_label: 'crm' }] })
  }
}
