import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts']
  },
  // In your project `fake-braze` comes from node_modules; here it is this package's own build.
  resolve: { alias: { 'fake-braze': fileURLToPath(new URL('../../dist/bundle/index.mjs', import.meta.url)) } }
})
