/**
 * /users/track throughput on a file database holding 1,000,000 users: 75 attribute objects per
 * request (standard and custom attributes of existing users), fresh bodies, over loopback HTTP
 * with autocannon; issue 19's goal is Braze's own rate (3,000 requests / 3 s × 75 objects). The
 * server runs in a child process; its RSS at the end is issue 19's memory figure at 1M users.
 */
import { runTrackBench } from './lib/track-users.js'

await runTrackBench({ endpoint: '/users/track', permission: 'users.track', users: 1_000_000, objectsPerRequest: 75, connections: 8, durationS: 20, target: 75_000, p99Target: 50 })
