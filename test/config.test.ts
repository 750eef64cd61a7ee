import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigError, loadConfig } from '../src/config.js'

test('defaults need no environment at all', () => {
  const c = loadConfig({})
  assert.equal(c.host, '127.0.0.1')
  assert.equal(c.port, 4000)
  assert.equal(c.dbPath, './data/fake-braze.db')
  assert.equal(c.defaultCluster, 'iad-01')
  assert.equal(c.logLevel, 'info')
  assert.equal(c.partnerApiKeys.hightouch!.us, 'fake-hightouch-us-partner-api-key')
  assert.ok(Object.isFrozen(c))
})

test('overrides (CLI flags) win over the environment', () => {
  const c = loadConfig({ FAKE_BRAZE_PORT: '5000' }, { FAKE_BRAZE_PORT: '4010', FAKE_BRAZE_DB: '/tmp/x.db' })
  assert.equal(c.port, 4010)
  assert.equal(c.dbPath, '/tmp/x.db')
})

test('bad values fail with the variable name', () => {
  assert.throws(() => loadConfig({ FAKE_BRAZE_SYNC: 'sometimes' }), (e: Error) => e instanceof ConfigError && /FAKE_BRAZE_SYNC/.test(e.message))
  assert.throws(() => loadConfig({ FAKE_BRAZE_PORT: 'abc' }), (e: Error) => e instanceof ConfigError && /FAKE_BRAZE_PORT/.test(e.message))
  assert.throws(() => loadConfig({ FAKE_BRAZE_PORT: '70000' }), /FAKE_BRAZE_PORT/)
  assert.throws(() => loadConfig({ FAKE_BRAZE_CLUSTER: 'iad-99' }), /FAKE_BRAZE_CLUSTER/)
  assert.throws(() => loadConfig({ FAKE_BRAZE_LOG_LEVEL: 'loud' }), /FAKE_BRAZE_LOG_LEVEL/)
})

test('FAKE_BRAZE_INSECURE_CONTROL_PLANE: off by default, on only when explicitly true (the container image relies on it)', () => {
  assert.equal(loadConfig({}).insecureControlPlane, false)
  for (const on of ['true', '1', 'on']) assert.equal(loadConfig({ FAKE_BRAZE_INSECURE_CONTROL_PLANE: on }).insecureControlPlane, true)
  for (const off of ['false', '0', 'off']) assert.equal(loadConfig({ FAKE_BRAZE_INSECURE_CONTROL_PLANE: off }).insecureControlPlane, false)
  assert.throws(() => loadConfig({ FAKE_BRAZE_INSECURE_CONTROL_PLANE: 'yes please' }), ConfigError)
  assert.equal(loadConfig({}, { FAKE_BRAZE_INSECURE_CONTROL_PLANE: 'true' }).insecureControlPlane, true)
})
