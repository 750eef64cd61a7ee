/**
 * The package's CommonJS entry (dist/cjs/index.js; the ES module entry dist/bundle/index.mjs
 * requires it too): the library bundle (dist/cjs/fake-braze.js, built from src/index.ts), run
 * through V8's code cache (src/bundle-loader.cts).
 */
import path = require('node:path')
import loadBundle = require('./bundle-loader.cjs')

module.exports = loadBundle(path.join(__dirname, 'fake-braze.js'), module)
