/**
 * /users/track with events and purchases mixed in (Segment-style): 75 objects per request, 30
 * attributes, 30 events and 15 purchases, fresh bodies, 1,000,000 users (issue 19: ≥ 75,000 objects/s).
 */
import { runTrackBench } from './lib/track-users.js'

await runTrackBench({ endpoint: '/users/track', permission: 'users.track', users: 1_000_000, objectsPerRequest: 75, kind: 'mixed', connections: 8, durationS: 20, target: 75_000, title: '/users/track with events and purchases (75 objects per request: 30 attributes, 30 events, 15 purchases; 1,000,000 users)' })
