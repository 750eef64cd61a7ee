// One cold start of the package as a test file does it: import, startFakeBraze(), one request.
import { startFakeBraze } from 'fake-braze'
const braze = await startFakeBraze()
const res = await fetch(`${braze.url}/_fake/workspaces`, { method: 'POST' })
await res.text()
process.stdout.write(`answered ${res.status} after ${performance.now().toFixed(1)} ms\n`)
await braze.close()
