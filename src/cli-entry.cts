#!/usr/bin/env node
/**
 * The `fake-braze` command (dist/cjs/cli.js, package.json "bin", `npm start`): the CLI's bundle
 * (dist/cjs/fake-braze-cli.js, built from src/cli.ts), run through V8's code cache like the
 * library's (src/bundle-loader.cts). Compiling that bundle was a fifth of the time from
 * `fake-braze serve` to its first answer (BENCHMARKS.md, issue 19).
 */
import path = require('node:path')
import loadBundle = require('./bundle-loader.cjs')

loadBundle(path.join(__dirname, 'fake-braze-cli.js'), module)
