/**
 * Fires scheduled sends (/…/schedule/create) once the fake's clock passes their time: checked
 * before every request (a number comparison when nothing is due, so tests that advance
 * /_fake/clock see the sends on their next call) and once a second for real time passing.
 */
import fp from 'fastify-plugin'

export default fp(async (app) => {
  const { messaging } = app.services
  const tick = (): void => {
    try { messaging.fireDue() } catch (err) { app.log.error({ err }, 'scheduled send failed') }
  }
  app.addHook('onRequest', (_request, _reply, done) => { tick(); done() })
  const timer = setInterval(tick, 1000)
  timer.unref()
  app.addHook('onClose', async () => { clearInterval(timer) })
}, { name: 'scheduler', dependencies: ['services'] })
