'use strict'
/**
 * CommonJS entry of fake-braze. The package is ESM; this wrapper loads it with a dynamic
 * import on first use, so `require('fake-braze')` works on every Node 20:
 *   const { startFakeBraze } = require('fake-braze')
 *   const braze = await startFakeBraze()   // same object as from ESM: { url, control, close }
 * load() resolves to the whole ESM module (createControlClient, buildApp, …).
 */
let loading
function load () {
  if (loading === undefined) loading = import('../dist/index.js')
  return loading
}

module.exports = {
  load,
  startFakeBraze: async (options) => (await load()).startFakeBraze(options)
}
