/**
 * /users/track/bulk throughput on a file database holding 1,000,000 users: 1,000 attribute
 * objects per request (standard and custom attributes of existing users), over loopback HTTP
 * with autocannon (target: at least 25,000 objects/s, issue 9). The server runs in a child process so the load generator does not share its
 * event loop. Prints a markdown section; the database lives in os.tmpdir() and is removed.
 */
import { runTrackBench } from './lib/track-users.js'

await runTrackBench({ entry: import.meta.url, endpoint: '/users/track/bulk', permission: 'users.track.bulk', users: 1_000_000, objectsPerRequest: 1000, bodies: 200, connections: 4, durationS: 10, target: 25_000 })
