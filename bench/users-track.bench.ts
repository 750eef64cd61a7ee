/**
 * /users/track throughput on a file database holding 1,000,000 users: 75 attribute objects per
 * request (standard and custom attributes of existing users), over loopback HTTP with
 * autocannon. The server runs in a child process so the load generator does not share its
 * event loop. Prints a markdown section; the database lives in os.tmpdir() and is removed.
 */
import { runTrackBench } from './lib/track-users.js'

await runTrackBench({ entry: import.meta.url, endpoint: '/users/track', permission: 'users.track', users: 1_000_000, objectsPerRequest: 75, bodies: 2000, connections: 8, durationS: 20, target: 20_000 })
