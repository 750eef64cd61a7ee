/**
 * Issue 18's figures: bulk item writes (50-item POSTs of fresh items into a catalog growing to
 * 100,000 items, file database, each answered after its commit), paging through the 100,000
 * items with the `Link` cursors (every page timed), and a campaign broadcast to 100,000 users
 * whose email looks up one catalog item each (`{% catalog_items %}` by a custom attribute).
 * Requests go through HTTP (inject). `npx tsx bench/catalogs.bench.ts 20000` runs smaller.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { openBenchWorkspace } from './lib/bench-workspace.js'
import { median } from './lib/stats.js'

const ITEMS = Number(process.argv[2] ?? 100_000)
const USERS = Number(process.argv[3] ?? 100_000)
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-catalogs-bench-'))
const dbPath = join(dir, 'bench.db')

// users (and a cohort of all of them) through the repositories, as the other benchmarks do
const bench = openBenchWorkspace(dbPath)
bench.insertUsers(USERS, (i) => ({ profile: { first_name: `First${i}` }, customAttributes: { favourite: `sku-${(i * 7919) % ITEMS}`, top: `sku-${i % 100}` } }))
bench.insertCohort('all', Array.from({ length: USERS }, (_, j) => j + 1))
bench.handle.close()

const app = await buildApp(testConfig({ FAKE_BRAZE_DB: dbPath }), { docs: false })
await app.ready()
const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, key?: string) =>
  await app.inject({ method, url, ...(payload !== undefined && { payload: payload as object }), ...(key !== undefined && { headers: { authorization: `Bearer ${key}` } }) })
const key = (await inject('POST', '/_fake/workspaces/bench/rest-api-keys', {})).json().key as string
const fields = [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'price', type: 'number' }, { name: 'tags', type: 'array' }, { name: 'released', type: 'time' }]
if ((await inject('POST', '/catalogs', { catalogs: [{ name: 'products', description: 'bench', fields }] }, key)).statusCode !== 201) throw new Error('catalog')

// 1. bulk writes: 50 fresh items a request, until the catalog holds ITEMS
const perRequest: number[] = []
const w0 = performance.now()
let lastTenth = 0
let lastTenthStart = 0
for (let i = 0; i < ITEMS; i += 50) {
  if (i === ITEMS - ITEMS / 10) lastTenthStart = performance.now()
  const items = Array.from({ length: 50 }, (_, j) => ({ id: `sku-${i + j}`, title: `Product ${i + j}`, price: (i + j) / 100, tags: ['a', 'b'], released: '2026-11-01T09:00:00+01:00' }))
  const s = performance.now()
  const res = await inject('POST', '/catalogs/products/items', { items }, key)
  if (res.statusCode !== 202) throw new Error(res.body)
  perRequest.push(performance.now() - s)
}
const writeMs = performance.now() - w0
lastTenth = performance.now() - lastTenthStart

// 2. paging through every item, each page timed (a first pass warms the code paths; the second is reported)
const pages: number[] = []
let url: string | undefined
let seen = 0
for (let pass = 0; pass < 2; pass++) {
  pages.length = 0
  seen = 0
  url = '/catalogs/products/items'
  while (url !== undefined) {
    const s = performance.now()
    const res = await inject('GET', url, undefined, key)
    pages.push(performance.now() - s)
    if (res.statusCode !== 200) throw new Error(res.body)
    seen += (res.json().items as unknown[]).length
    url = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1]
  }
}
if (seen !== ITEMS) throw new Error(`paged ${seen} of ${ITEMS}`)
pages.sort((a, b) => a - b)
const pageP99 = pages[Math.max(0, Math.ceil(pages.length * 0.99) - 1)]!

// 3. broadcast: each user's email looks up their favourite product
await inject('POST', '/_fake/workspaces/bench/segments', { id: 'all', name: 'All', filter: { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'all' } })
await inject('POST', '/_fake/workspaces/bench/campaigns', {
  id: 'fav', name: 'Favourite', kind: 'api_triggered', segment_id: 'all',
  messages: [{ id: 'e', channel: 'email', from: 'Shop <shop@example.com>', subject: 'Still thinking about it?', body: '{% catalog_items products {{custom_attribute.${favourite}}} %}<p>{{ items[0].title }} for {{ items[0].price }}</p>' }]
})
/** CPU time of this process (server and load generator share it; the load generator is idle during one inject) since `from`. */
const cpuMs = (from: NodeJS.CpuUsage): number => { const c = process.cpuUsage(from); return (c.user + c.system) / 1000 }
const b0 = performance.now()
const bc0 = process.cpuUsage()
const bres = await inject('POST', '/campaigns/trigger/send', { campaign_id: 'fav', broadcast: true }, key)
const broadcastMs = performance.now() - b0
const broadcastCpu = cpuMs(bc0)
if (bres.statusCode !== 201) throw new Error(bres.body)
const sample = (await inject('GET', '/_fake/workspaces/bench/messages?external_id=user-1&limit=1')).json().messages[0]
// the same with 100 distinct products among the users: renders are shared per product
await inject('POST', '/_fake/workspaces/bench/campaigns', {
  id: 'top', name: 'Top', kind: 'api_triggered', segment_id: 'all',
  messages: [{ id: 't', channel: 'email', from: 'Shop <shop@example.com>', subject: 'Top pick', body: '{% catalog_items products {{custom_attribute.${top}}} %}<p>{{ items[0].title }} for {{ items[0].price }}</p>' }]
})
const s0 = performance.now()
const sc0 = process.cpuUsage()
const sres = await inject('POST', '/campaigns/trigger/send', { campaign_id: 'top', broadcast: true }, key)
const sharedMs = performance.now() - s0
const sharedCpu = cpuMs(sc0)
if (sres.statusCode !== 201) throw new Error(sres.body)

await app.close()
rmSync(dir, { recursive: true, force: true })
const f = (n: number): string => `${n.toFixed(1)} ms`
const rate = (items: number, ms: number): string => `${Math.round(items / (ms / 1000)).toLocaleString('en')} items/s`
perRequest.sort((a, b) => a - b)
console.log([
  `## catalogs (${ITEMS.toLocaleString('en')} items, ${USERS.toLocaleString('en')} users; file database)`,
  '',
  '| measure | figure | goal |',
  '|---|---|---|',
  `| POST /catalogs/{n}/items, 50 fresh items a request, catalog growing to ${ITEMS.toLocaleString('en')} (overall) | ${rate(ITEMS, writeMs)} (median request ${f(median(perRequest))}, p99 ${f(perRequest[Math.ceil(perRequest.length * 0.99) - 1]!)}) | ≥ 10,000 items/s |`,
  `| … the last tenth (catalog at ${(ITEMS * 0.9).toLocaleString('en')}+ items) | ${rate(ITEMS / 10, lastTenth)} | ≥ 10,000 items/s |`,
  `| GET /catalogs/{n}/items through all ${pages.length.toLocaleString('en')} pages by the Link cursors: median / p99 / max page | ${f(median(pages))} / ${f(pageP99)} / ${f(pages.at(-1)!)} | p99 < 5 ms |`,
  `| broadcast to ${USERS.toLocaleString('en')} users, one {% catalog_items %} lookup each, every user a different item (sample body: ${JSON.stringify(sample?.body ?? '')}) | ${f(broadcastMs)} (CPU ${f(broadcastCpu)}) | < 2 s |`,
  `| … the users' items among 100 products (renders shared per product) | ${f(sharedMs)} (CPU ${f(sharedCpu)}) | < 2 s |`
].join('\n'))
