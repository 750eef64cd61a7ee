/**
 * /users/track/bulk throughput on a file database holding 1,000,000 users: 1,000 attribute
 * objects per request (standard and custom attributes of existing users), fresh bodies, over
 * loopback HTTP with autocannon (issue 19: at least 100,000 objects/s). The server runs in a
 * child process so the load generator does not share its event loop.
 */
import { runTrackBench } from './lib/track-users.js'

await runTrackBench({ endpoint: '/users/track/bulk', permission: 'users.track.bulk', users: 1_000_000, objectsPerRequest: 1000, connections: 4, durationS: 15, target: 100_000 })
