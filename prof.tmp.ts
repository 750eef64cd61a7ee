import { rmSync } from 'node:fs'
import { buildApp } from './src/app.js'
import { loadConfig } from './src/config.js'
import { newBrazeId } from './src/domain/ids.js'
const db = '/tmp/prof-track.db'
for (const f of [db, db + '-wal', db + '-shm']) rmSync(f, { force: true })
import Database from 'better-sqlite3'
const origPragma = (Database.prototype as any).pragma
if (process.argv[3] === 'off') (Database.prototype as any).pragma = function (p: string, o: any) { if (p.startsWith('synchronous')) p = 'synchronous = OFF'; if (p.startsWith('wal_autocheckpoint')) p = 'wal_autocheckpoint = 100000'; return origPragma.call(this, p, o) }
if (process.argv[3] === 'mem') (Database.prototype as any).pragma = function (p: string, o: any) { if (p.startsWith('journal_mode')) p = 'journal_mode = MEMORY'; if (p.startsWith('synchronous')) p = 'synchronous = OFF'; return origPragma.call(this, p, o) }
const app = await buildApp(loadConfig({ FAKE_BRAZE_DB: db, FAKE_BRAZE_LOG_LEVEL: 'silent' }))
await app.ready()
await app.inject({ method: 'POST', url: '/_fake/workspaces', payload: { id: 'b' } })
const pk = app.services.workspaces.require('b').pk
const { openDatabase } = await import('./src/db/client.js')
const { createUserProfileRepository } = await import('./src/repositories/user-profile-repository.js')
const h = openDatabase(db); const repo = createUserProfileRepository(h)
const U = Number(process.argv[2] ?? 1000000)
for (let s = 0; s < U; s += 100000) { const rows = []; for (let i = s; i < s + 100000 && i < U; i++) rows.push({ workspacePk: pk, brazeId: newBrazeId(), externalId: `user-${i}`, email: null, phone: null, randomBucket: 1, now: 1 }); h.sqlite.transaction(() => repo.insertMany(rows))() }
h.close()
let n = 0
const mk = () => { const attributes = []; for (let i = 0; i < 75; i++) { const id = (n++ * 7919) % U; attributes.push({ external_id: `user-${id}`, first_name: `F${id % 1000}`, country: i % 3 === 0 ? 'United States' : 'DE', email_subscribe: 'subscribed', plan: i % 2 === 0 ? 'pro' : 'free', visits: { inc: 1 }, tags: { add: [`t${i % 5}`] }, last_seen: '2026-11-28T12:00:00Z' }) } return { attributes } }
if (process.argv[3]) { const s = (app as any); }
for (let i = 0; i < 200; i++) app.services.track.track(pk, mk())
let t = performance.now()
for (let i = 0; i < 1000; i++) app.services.track.track(pk, mk())
console.log(U, 'service objects/s', Math.round(1000 * 75 / ((performance.now() - t) / 1000)))
await app.close()
for (const f of [db, db + '-wal', db + '-shm']) rmSync(f, { force: true })
