/**
 * The fake's icon, so browser sessions on /docs and /dashboard log no 404 (issue 17): an SVG at
 * /favicon.svg (linked from the dashboard and Swagger UI) and the same mark as a 16×16 ICO at
 * /favicon.ico, the path browsers ask for when a page links none. Both are built here, in memory,
 * from a few lines of code rather than shipped as binary files.
 */
import fp from 'fastify-plugin'

/** A purple disc with a white "f" bar: legible at 16 px. */
export const FAVICON_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">' +
  '<circle cx="8" cy="8" r="7.5" fill="#5b2bd1"/>' +
  '<path d="M6 13V6.5A2.5 2.5 0 0 1 8.5 4H10.5M4.5 8H9.5" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round"/>' +
  '</svg>\n'
)

/** Is pixel (x, y) of the 16×16 mark white (the "f"), purple (the disc) or clear? */
function pixel (x: number, y: number): 'white' | 'purple' | 'clear' {
  const cx = x + 0.5 - 8
  const cy = y + 0.5 - 8
  if (cx * cx + cy * cy > 7.5 * 7.5) return 'clear'
  const stem = x >= 5 && x <= 6 && y >= 6 && y <= 12
  const top = y >= 3 && y <= 4 && x >= 6 && x <= 10
  const bar = y >= 7 && y <= 8 && x >= 4 && x <= 9
  return stem || top || bar ? 'white' : 'purple'
}

/** A 16×16 32-bit ICO (one BMP image: header, bottom-up BGRA rows, AND mask), as Windows defines it. */
export function buildIco (): Buffer {
  const size = 16
  const xor = size * size * 4
  const and = size * 4 // 1 bit per pixel, rows padded to 4 bytes
  const image = 40 + xor + and
  const buf = Buffer.alloc(6 + 16 + image)
  buf.writeUInt16LE(0, 0); buf.writeUInt16LE(1, 2); buf.writeUInt16LE(1, 4) // ICONDIR: reserved, type 1 (icon), 1 image
  buf.writeUInt8(size, 6); buf.writeUInt8(size, 7); buf.writeUInt8(0, 8); buf.writeUInt8(0, 9)
  buf.writeUInt16LE(1, 10); buf.writeUInt16LE(32, 12); buf.writeUInt32LE(image, 14); buf.writeUInt32LE(22, 18)
  let o = 22 // BITMAPINFOHEADER; the height counts the XOR and AND masks
  buf.writeUInt32LE(40, o); buf.writeInt32LE(size, o + 4); buf.writeInt32LE(size * 2, o + 8)
  buf.writeUInt16LE(1, o + 12); buf.writeUInt16LE(32, o + 14); buf.writeUInt32LE(0, o + 16); buf.writeUInt32LE(xor + and, o + 20)
  o += 40
  for (let row = size - 1; row >= 0; row--) {
    for (let x = 0; x < size; x++) {
      const p = pixel(x, row)
      const [b, g, r, a] = p === 'white' ? [255, 255, 255, 255] : p === 'purple' ? [0xd1, 0x2b, 0x5b, 255] : [0, 0, 0, 0]
      buf.writeUInt8(b, o); buf.writeUInt8(g, o + 1); buf.writeUInt8(r, o + 2); buf.writeUInt8(a, o + 3)
      o += 4
    }
  }
  // AND mask all zero: the alpha channel decides transparency
  return buf
}

export default fp(async (app) => {
  const ico = buildIco()
  const cache = 'public, max-age=86400'
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => await reply.type('image/x-icon').header('cache-control', cache).send(ico))
  app.get('/favicon.svg', { schema: { hide: true } }, async (_request, reply) => await reply.type('image/svg+xml').header('cache-control', cache).send(FAVICON_SVG))
}, { name: 'favicon' })
