/**
 * How /users/track's cost grows with the workspace: the same fresh 75-object workload on 100,000
 * and on 1,000,000 users (issue 19: throughput within 20 % of each other, i.e. no super-linear
 * index or journal growth), each on its own file database and server process.
 */
import { loadavg } from 'node:os'
import { fmt } from './lib/load.js'
import { describeRun, measureTrack, type TrackBenchOptions } from './lib/track-users.js'

{
  const base: TrackBenchOptions = { endpoint: '/users/track', permission: 'users.track', users: 0, objectsPerRequest: 75, connections: 8, durationS: 15, target: 75_000 }
  const startLoad = loadavg().map((l) => l.toFixed(2)).join(' / ')
  const rows = []
  for (const users of [100_000, 1_000_000]) rows.push(await measureTrack({ ...base, users }))
  const [small, large] = rows as [typeof rows[number], typeof rows[number]]
  const ratio = large.objectsPerSecond / small.objectsPerSecond
  process.stdout.write([
    '## /users/track growth: 100,000 vs 1,000,000 users',
    '',
    describeRun({ ...base, users: 1_000_000 }).replace(/1,000,000 users/, '100,000 and then 1,000,000 users').replace(/Load average at the start: .*$/, `Load average at the start: ${startLoad}.`),
    '',
    '| users | objects/s | p50 / p99 ms | server CPU per object | server RSS end / peak |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${fmt(r.users)} | ${fmt(r.objectsPerSecond)} | ${r.p50} / ${r.p99} | ${r.cpuPerObjectUs.toFixed(1)} µs | ${fmt(r.rssMiB)} / ${fmt(r.peakRssMiB)} MiB |`),
    '',
    `1,000,000 users reach **${(ratio * 100).toFixed(0)} %** of the 100,000-user throughput: ${Math.abs(1 - ratio) <= 0.2 ? 'within' : '**not** within'} 20 % of each other (the goal). Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`,
    ''
  ].join('\n') + '\n')
  if (rows.some((r) => r.non2xx > 0 || r.errors > 0)) process.exitCode = 1
}
