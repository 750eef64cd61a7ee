import { startServer } from '../src/server.js'
import { testConfig } from '../src/config.js'
import { launchChromium } from '../test/browser/chromium.js'
const s = await startServer(testConfig({ FAKE_BRAZE_PORT: '0' }), { docs: true })
const b = await launchChromium()
const p = await b.newPage()
p.on('console', (m) => console.log('console:', m.text().slice(0, 300)))
await p.goto(`${s.url}/docs/`)
await p.locator('.opblock').first().waitFor()
const html = await p.content()
console.log(html.length)
const i = html.indexOf('opblock')
console.log(html.slice(Math.max(0, i - 1500), i + 300))
await b.close(); await s.close()
